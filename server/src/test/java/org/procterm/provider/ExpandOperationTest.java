package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

@ExtendWith(LiveServer.class)
class ExpandOperationTest {

	static final String SPINE = "http://procterm.org/fhir/ValueSet/spine-procedures";

	private static ValueSet expand(LiveServer.Server server, String filter, Integer count) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(SPINE));
		if (filter != null) {
			in.addParameter("filter", new StringType(filter));
		}
		if (count != null) {
			in.addParameter("count", new IntegerType(count));
		}
		return server.client().operation().onType(ValueSet.class).named("$expand").withParameters(in)
				.useHttpGet().returnResourceType(ValueSet.class).execute();
	}

	private static List<String> codes(ValueSet vs) {
		return vs.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}

	@Test
	void withoutFilterListsTheWholeValueSet(LiveServer.Server server) {
		ValueSet out = expand(server, null, null);
		assertEquals(7, out.getExpansion().getTotal());
		assertEquals(List.of("22210", "22212", "22214", "22216", "63185", "63190", "63295"), codes(out));
	}

	@Test
	void filterFindsCodesByWordPrefixWithTheRightTotal(LiveServer.Server server) {
		ValueSet out = expand(server, "lamin rhiz", null);
		assertEquals(2, out.getExpansion().getTotal());
		assertEquals(List.of("63185", "63190"), codes(out));
		assertEquals(List.of("22210"), codes(expand(server, "osteo CERV", null)), "all words required, any case");
		assertEquals(List.of("63295"), codes(expand(server, "osteoplastic", null)));
		assertEquals(0, expand(server, "ectomy", null).getExpansion().getTotal(), "a word's middle is not a prefix");
	}

	@Test
	void countLimitsTheCodesButNotTheTotal(LiveServer.Server server) {
		ValueSet out = expand(server, "osteotomy", 2);
		assertEquals(4, out.getExpansion().getTotal());
		assertEquals(2, out.getExpansion().getContains().size(), "stock HAPI 8.8 answers this with a 500");
	}

	@Test
	void codePrefixRanksFirst(LiveServer.Server server) {
		assertEquals(List.of("63185", "63190", "63295"), codes(expand(server, "63", null)));
	}

	@Test
	void inlineValueSetIsExpandedWithoutBeingStored(LiveServer.Server server) {
		ValueSet inline = new ValueSet();
		inline.setUrl("http://example.org/vs/not-stored");
		inline.getCompose().addInclude().setSystem(LookupOperationTest.CPT).addFilter()
				.setProperty("addOn").setOp(ValueSet.FilterOperator.EQUAL).setValue("true");
		Parameters in = new Parameters();
		in.addParameter().setName("valueSet").setResource(inline);
		ValueSet out = server.client().operation().onType(ValueSet.class).named("$expand").withParameters(in)
				.returnResourceType(ValueSet.class).execute();
		assertEquals(List.of("22216", "63295"), codes(out));
		assertEquals(0, server.client().search().forResource(ValueSet.class).where(ValueSet.URL.matches().value("http://example.org/vs/not-stored"))
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getTotal());
	}

	/** $expand of a value set over CPT with one filter, sent inline, with any further parameters in {@code in}. */
	private static ValueSet expandCptFilter(LiveServer.Server server, String property, ValueSet.FilterOperator op, String value, Parameters in) {
		ValueSet inline = new ValueSet();
		inline.getCompose().addInclude().setSystem(LookupOperationTest.CPT).addFilter().setProperty(property).setOp(op).setValue(value);
		in.addParameter().setName("valueSet").setResource(inline);
		return server.client().operation().onType(ValueSet.class).named("$expand").withParameters(in)
				.returnResourceType(ValueSet.class).execute();
	}

	@Test
	void cptCodeRangeSelectsTheOsteotomyCodes(LiveServer.Server server) {
		ValueSet out = expandCptFilter(server, "code", ValueSet.FilterOperator.IN, "22206-22226", new Parameters());
		assertEquals(List.of("22210", "22212", "22214", "22216"), codes(out));
	}

	@Test
	void unknownValueSetIs404AndMissingUrlIs400(LiveServer.Server server) {
		Parameters unknown = new Parameters();
		unknown.addParameter("url", new UriType("http://example.org/vs/none"));
		assertThrows(ResourceNotFoundException.class, () -> server.client().operation().onType(ValueSet.class)
				.named("$expand").withParameters(unknown).useHttpGet().execute());
		InvalidRequestException missing = assertThrows(InvalidRequestException.class, () -> server.client().operation()
				.onType(ValueSet.class).named("$expand").withNoParameters(Parameters.class).useHttpGet().execute());
		assertTrue(missing.getMessage().contains("needs the url of a ValueSet"), missing.getMessage());
	}

	@Test
	void instanceLevelExpandsTheValueSetInThePath(LiveServer.Server server) {
		String id = server.client().search().forResource(ValueSet.class).where(ValueSet.URL.matches().value(SPINE))
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
		Parameters in = new Parameters();
		in.addParameter("filter", new StringType("lamin"));
		ValueSet out = server.client().operation().onInstance("ValueSet/" + id).named("$expand").withParameters(in)
				.useHttpGet().returnResourceType(ValueSet.class).execute();
		assertEquals(List.of("63185", "63190"), codes(out));

		in.addParameter("url", new UriType(SPINE));
		assertThrows(InvalidRequestException.class, () -> server.client().operation().onInstance("ValueSet/" + id)
				.named("$expand").withParameters(in).useHttpGet().execute(), "the path already names the ValueSet");
	}

	@Test
	void negativeCountIs400(LiveServer.Server server) {
		InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> expand(server, null, -1));
		assertTrue(e.getMessage().contains("count must be 0 or more"), e.getMessage());
	}

	/** What a procedure picker asks for: the region of each code and its Spanish consumer name, with the value set's definition. */
	@Test
	void propertyDesignationAndIncludeDefinitionShapeEachCode(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(SPINE));
		in.addParameter("filter", new StringType("22210"));
		in.addParameter("property", new StringType("bodyRegion"));
		in.addParameter("property", new StringType("setting"));
		in.addParameter("designation", new StringType("urn:ietf:bcp:47|es"));
		in.addParameter("includeDefinition", new org.hl7.fhir.r4.model.BooleanType(true));
		ValueSet out = server.client().operation().onType(ValueSet.class).named("$expand").withParameters(in)
				.useHttpGet().returnResourceType(ValueSet.class).execute();

		ValueSet.ValueSetExpansionContainsComponent osteotomy = out.getExpansion().getContainsFirstRep();
		assertEquals("22210", osteotomy.getCode());
		List<String> properties = osteotomy.getExtensionsByUrl(
				"http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property").stream()
				.map(e -> e.getExtensionString("code") + "=" + e.getExtensionByUrl("value").getValue().primitiveValue()).toList();
		assertEquals(List.of("bodyRegion=cervical", "setting=hospital", "setting=surgical-center"), properties);
		assertEquals(List.of("es"), osteotomy.getDesignation().stream().map(d -> d.getLanguage()).toList(), "only the Spanish name");
		assertTrue(out.getExpansion().getExtensionsByUrl("http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property")
				.stream().anyMatch(e -> "http://procterm.org/fhir/CodeSystem/cpt-property#bodyRegion".equals(e.getExtensionString("uri"))));
		assertTrue(out.hasCompose(), "includeDefinition keeps the compose");
	}

	@Test
	void excludeNestedFalseReturnsCodesUnderTheirParents(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("excludeNested", new org.hl7.fhir.r4.model.BooleanType(false));
		ValueSet out = expandCptFilter(server, "concept", ValueSet.FilterOperator.ISA, "metadata-kinds", in);
		assertEquals(List.of("metadata-kinds"), codes(out));
		ValueSet.ValueSetExpansionContainsComponent top = out.getExpansion().getContainsFirstRep();
		assertTrue(top.getAbstract(), "a grouping code is marked abstract");
		assertEquals(List.of("code", "general", "metadata"), top.getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList());
		assertEquals(4, out.getExpansion().getTotal());
	}

	@Test
	void excludeNotForUILeavesOutGroupingCodesAndExcludeSystemLeavesOutCpt(LiveServer.Server server) {
		Parameters forValidation = new Parameters();
		forValidation.addParameter("excludeNotForUI", new org.hl7.fhir.r4.model.BooleanType(true));
		assertEquals(List.of("code", "general", "metadata"),
				codes(expandCptFilter(server, "concept", ValueSet.FilterOperator.ISA, "metadata-kinds", forValidation)));
		Parameters withoutCpt = new Parameters();
		withoutCpt.addParameter("exclude-system", new org.hl7.fhir.r4.model.CanonicalType(LookupOperationTest.CPT));
		assertEquals(0, expandCptFilter(server, "concept", ValueSet.FilterOperator.ISA, "metadata-kinds", withoutCpt).getExpansion().getTotal());
	}

	@Test
	void aClientMayLowerButNeverRaiseTheMostCodesAnAnswerHolds(LiveServer.Server server) throws Exception {
		String url = server.baseUrl() + "/ValueSet/$expand?url=http://procterm.org/fhir/ValueSet/spine-procedures";
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpResponse<String> lowered = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
				.header("Accept", "application/fhir+json").header("X-TOO-COSTLY-THRESHOLD", "2").build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertEquals(422, lowered.statusCode(), lowered.body());
		assertTrue(lowered.body().contains("\"too-costly\"") && lowered.body().contains("expansion has too many codes to produce (>2)"),
				lowered.body());
		java.net.http.HttpResponse<String> raised = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
				.header("Accept", "application/fhir+json").header("X-TOO-COSTLY-THRESHOLD", "999999999").build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertEquals(200, raised.statusCode(), "a higher threshold than the server's changes nothing here");
	}
}
