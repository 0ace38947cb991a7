package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.gclient.TokenClientParam;

/** What a patient portal does: from a code to its plan and its plain-language text, in English and Spanish. */
@ExtendWith(LiveServer.class)
class PatientContentTest {

	private static final String CPT = "http://www.ama-assn.org/go/cpt";

	private static Bundle plansFor(LiveServer.Server server, String searchParam, String code) {
		return server.client().search().forResource(PlanDefinition.class)
				.where(new TokenClientParam(searchParam).exactly().systemAndCode(CPT, code))
				.returnBundle(Bundle.class).execute();
	}

	@Test
	void planDefinitionIsFoundByItsCodeThroughTopicAndContext(LiveServer.Server server) {
		Bundle byTopic = plansFor(server, "topic", "22210");
		assertEquals(1, byTopic.getEntry().size());
		PlanDefinition plan = (PlanDefinition) byTopic.getEntryFirstRep().getResource();
		assertEquals("cpt-22210-plan", plan.getIdElement().getIdPart(), "bundled resources keep their own ids");
		assertEquals("http://procterm.org/fhir/Library/cpt-22210-patient-information", plan.getRelatedArtifactFirstRep().getResource());
		List<String> steps = plan.getAction().stream().map(PlanDefinition.PlanDefinitionActionComponent::getTitle).toList();
		assertEquals(List.of("Before the procedure", "The procedure", "Hospital stay", "Recovery at home", "Follow-up visits"), steps);
		var procedure = plan.getAction().get(1);
		assertEquals(2, procedure.getTimingRange().getLow().getValue().intValue());
		assertEquals(4, procedure.getTimingRange().getHigh().getValue().intValue());
		assertEquals("h", procedure.getTimingRange().getHigh().getCode());
		assertEquals(4, procedure.getParticipant().size(), "surgeon, anesthesiologist, nurses, technicians");
		assertEquals(List.of("setting", "risks", "alternatives"), procedure.getDocumentation().stream().map(d -> d.getLabel()).toList());
		assertEquals("d", plan.getAction().get(2).getTimingRange().getHigh().getCode(), "the stay is a number of days");
		assertEquals(Enumerations.PublicationStatus.DRAFT, plan.getStatus(), "unreviewed content is never active");
		assertEquals("Cirugía para realinear la columna del cuello (osteotomía), un nivel", spanish(plan.getTitleElement()));
		assertEquals("Antes del procedimiento", spanish(plan.getAction().get(0).getTitleElement()));
		assertTrue(plan.getRelatedArtifact().stream().anyMatch(a -> "similar-code".equals(a.getLabel())
				&& a.getResource().equals("http://procterm.org/fhir/PlanDefinition/cpt-22212-plan")), "similar codes are linked");

		assertEquals(1, plansFor(server, "context", "63185").getEntry().size());
	}

	private static String spanish(org.hl7.fhir.r4.model.PrimitiveType<String> element) {
		return element.getExtensionsByUrl("http://hl7.org/fhir/StructureDefinition/translation").stream()
				.filter(t -> "es".equals(t.getExtensionString("lang"))).map(t -> t.getExtensionString("content")).findFirst().orElse(null);
	}

	@Test
	void aPortalFetchesOneSectionInSpanish(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("code", new CodeType("63185"));
		in.addParameter("section", new CodeType("when-to-call"));
		in.addParameter("language", new CodeType("es-MX, en;q=0.5"));
		Parameters out = server.client().operation().onType(Library.class).named("$patient-section").withParameters(in).useHttpGet().execute();
		assertEquals("es", out.getParameterValue("language").primitiveValue());
		assertEquals("Cuándo llamar a su equipo de atención", out.getParameterValue("title").primitiveValue());
		String md = out.getParameterValue("markdown").primitiveValue();
		assertTrue(md.startsWith("## Cuándo llamar a su equipo de atención") && md.contains("38"), md);
		assertFalse(md.contains("## Riesgos"), "only the section asked for");
		assertTrue(out.getParameterValue("html").primitiveValue().startsWith("<h2>Cuándo llamar"), "HTML for a portal that shows it as is");
		assertEquals("draft", out.getParameterValue("status").primitiveValue());
	}

	@Test
	void anUnknownSectionOrCodeIsAClearClientError(LiveServer.Server server) throws Exception {
		var bad = server.get("/Library/$patient-section?code=63185&section=gossip");
		assertEquals(400, bad.statusCode());
		assertTrue(bad.body().contains("Unknown section 'gossip'") && bad.body().contains("when-to-call"), bad.body());
		var missing = server.get("/Library/$patient-section?code=99999&section=summary");
		assertEquals(404, missing.statusCode());
		assertTrue(missing.body().contains("No patient information is held for CPT code '99999'"), missing.body());
	}

	@Test
	void lookupLinksTheCodeToItsPlanAndPatientText(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(CPT));
		in.addParameter("code", new CodeType("22210"));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in).useHttpGet().execute();
		Map<String, String> props = out.getParameter().stream().filter(p -> p.getName().equals("property"))
				.collect(Collectors.toMap(p -> p.getPart().get(0).getValue().primitiveValue(),
						p -> p.getPart().get(1).getValue().primitiveValue(), (a, b) -> a + "," + b));
		assertEquals("http://procterm.org/fhir/PlanDefinition/cpt-22210-plan", props.get("planDefinition"));
		assertEquals("http://procterm.org/fhir/Library/cpt-22210-patient-information", props.get("patientInformation"));
		assertEquals("cervical", props.get("bodyRegion"));
		assertEquals("Surgery > Musculoskeletal System > Spine (Vertebral Column) > Osteotomy", props.get("section"));
	}

	@Test
	void lookupInSpanishAnswersTheSpanishConsumerName(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(CPT));
		in.addParameter("code", new CodeType("63185"));
		in.addParameter("displayLanguage", new CodeType("es"));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in).useHttpGet().execute();
		assertTrue(out.getParameterValue("display").primitiveValue().startsWith("Cirugía de columna para cortar raíces nerviosas"),
				out.getParameterValue("display").primitiveValue());
	}

	@Test
	void patientTextIsReadableInBothLanguagesFromTheLibrary(LiveServer.Server server) {
		Library lib = server.client().read().resource(Library.class).withId("cpt-63295-patient-information").execute();
		assertEquals("asset-collection", lib.getType().getCodingFirstRep().getCode());
		Map<String, String> byLanguageAndType = lib.getContent().stream().filter(a -> !a.hasExtension()).collect(Collectors.toMap(
				a -> a.getLanguage() + " " + a.getContentType(), PatientContentTest::text));
		assertEquals(4, byLanguageAndType.size());
		assertTrue(byLanguageAndType.get("en text/markdown").contains("### Possible risks"));
		assertTrue(byLanguageAndType.get("en text/markdown").contains("## When to call your care team"));
		assertTrue(byLanguageAndType.get("en text/markdown").contains("## Sources"));
		assertTrue(byLanguageAndType.get("es text/markdown").contains("## Códigos parecidos"));
		assertTrue(byLanguageAndType.get("es text/markdown").contains("## Resumen"));
		assertTrue(byLanguageAndType.get("es text/html").contains("<html lang=\"es\">"));
		assertTrue(byLanguageAndType.get("en text/markdown").contains("not medical advice"));
	}

	@Test
	void valueSetsByRegionAddOnAndSectionExpandFromTheCodeProperties(LiveServer.Server server) {
		assertEquals(List.of("22210"), expand(server, "spine-procedures-cervical"));
		assertEquals(List.of("22216", "63295"), expand(server, "add-on-codes"));
		assertEquals(List.of("63185", "63190", "63295"), expand(server, "cpt-section-spine-and-spinal-cord"));
	}

	private static List<String> expand(LiveServer.Server server, String id) {
		ValueSet out = server.client().operation().onInstance("ValueSet/" + id).named("$expand")
				.withNoParameters(Parameters.class).useHttpGet().returnResourceType(ValueSet.class).execute();
		return out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}

	private static String text(Attachment a) {
		return new String(a.getData(), StandardCharsets.UTF_8);
	}
}
