package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/** ConceptMap/$translate over maps a test stores or sends inline; procterm ships none (mapping CPT is not ours to invent). */
@ExtendWith(LiveServer.class)
class TranslateOperationTest {

	private static final String LOCAL = "http://example.org/test/local-procedures";
	private static final String SHARED = "http://example.org/test/shared-procedures";

	private static ConceptMap map(String url) {
		ConceptMap map = new ConceptMap();
		map.setUrl(url);
		map.setVersion("1.0");
		map.setStatus(PublicationStatus.DRAFT);
		ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(LOCAL).setTarget(SHARED);
		group.addElement().setCode("SPINE-1").addTarget().setCode("S1").setDisplay("Spine one").setEquivalence(ConceptMapEquivalence.EQUIVALENT);
		group.addElement().setCode("SPINE-2").addTarget().setCode("S2").setEquivalence(ConceptMapEquivalence.WIDER);
		group.addElement().setCode("SPINE-3").addTarget().setCode("S9").setEquivalence(ConceptMapEquivalence.DISJOINT);
		group.getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.FIXED).setCode("OTHER").setDisplay("Other procedure");
		return map;
	}

	private static Parameters translate(LiveServer.Server server, Parameters in) {
		return server.client().operation().onType(ConceptMap.class).named("$translate").withParameters(in).execute();
	}

	private static Parameters forward(String code) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(LOCAL));
		in.addParameter("code", new CodeType(code));
		return in;
	}

	private static boolean result(Parameters out) {
		return ((BooleanType) out.getParameterValue("result")).booleanValue();
	}

	private static List<String> parts(Parameters out, String name) {
		return out.getParameters("match").stream().flatMap(m -> m.getPart().stream()).filter(p -> p.getName().equals(name))
				.map(p -> p.getValue() instanceof Coding c ? c.getSystem() + "#" + c.getCode() : p.getValue().primitiveValue()).toList();
	}

	@Test
	void aStoredMapTranslatesACodeWithItsEquivalenceAndOrigin(LiveServer.Server server) {
		IdType id = (IdType) server.admin().create().resource(map("http://example.org/test/ConceptMap/stored")).execute().getId();
		try {
			Parameters out = translate(server, forward("SPINE-1"));
			assertTrue(result(out));
			assertEquals(List.of(SHARED + "#S1"), parts(out, "concept"));
			assertEquals(List.of("equivalent"), parts(out, "equivalence"));
			assertEquals(List.of("http://example.org/test/ConceptMap/stored|1.0"), parts(out, "originMap"));
		} finally {
			server.admin().delete().resourceById(id.toUnqualifiedVersionless()).execute();
		}
	}

	@Test
	void anInlineMapAnswersReverseUnmappedAndUnrelatedTranslations(LiveServer.Server server) {
		Parameters wider = forward("SPINE-2");
		wider.addParameter().setName("conceptMap").setResource(map("http://example.org/test/ConceptMap/inline"));
		assertEquals(List.of("wider"), parts(translate(server, wider), "equivalence"));

		Parameters unmapped = forward("SPINE-7");
		unmapped.addParameter().setName("conceptMap").setResource(map("http://example.org/test/ConceptMap/inline"));
		Parameters fixed = translate(server, unmapped);
		assertTrue(result(fixed));
		assertEquals(List.of(SHARED + "#OTHER"), parts(fixed, "concept"), "the group's unmapped rule gives its fixed code");

		Parameters disjoint = forward("SPINE-3");
		disjoint.addParameter().setName("tx-resource").setResource(map("http://example.org/test/ConceptMap/inline"));
		Parameters none = translate(server, disjoint);
		assertFalse(result(none), "a disjoint mapping is not a translation");
		assertTrue(none.getParameterValue("message").primitiveValue().contains(LOCAL + "#SPINE-3"));

		Parameters reverse = new Parameters();
		reverse.addParameter("system", new UriType(SHARED));
		reverse.addParameter("code", new CodeType("S1"));
		reverse.addParameter("reverse", new BooleanType(true));
		reverse.addParameter().setName("conceptMap").setResource(map("http://example.org/test/ConceptMap/inline"));
		Parameters back = translate(server, reverse);
		assertTrue(result(back));
		assertEquals(List.of(LOCAL + "#SPINE-1"), parts(back, "source"));
	}

	@Test
	void badRequestsAreRefusedWithAReason(LiveServer.Server server) {
		Parameters noSystem = new Parameters();
		noSystem.addParameter("code", new CodeType("SPINE-1"));
		InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> translate(server, noSystem));
		assertTrue(e.getMessage().contains("needs the system of code 'SPINE-1'"), e.getMessage());

		Parameters unknownMap = forward("SPINE-1");
		unknownMap.addParameter("url", new UriType("http://example.org/test/ConceptMap/none"));
		assertThrows(ResourceNotFoundException.class, () -> translate(server, unknownMap));
	}
}
