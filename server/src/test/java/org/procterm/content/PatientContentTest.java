package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
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
		assertEquals(List.of("Before the procedure", "The procedure", "Recovery", "Follow-up visits"), steps);
		var procedure = plan.getAction().get(1);
		assertEquals(2, procedure.getTimingRange().getLow().getValue().intValue());
		assertEquals(4, procedure.getTimingRange().getHigh().getValue().intValue());
		assertEquals("h", procedure.getTimingRange().getHigh().getCode());
		assertEquals(4, procedure.getParticipant().size(), "surgeon, anesthesiologist, nurses, technicians");

		assertEquals(1, plansFor(server, "context", "63185").getEntry().size());
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
		assertTrue(out.getParameterValue("display").primitiveValue().startsWith("Cirugía de columna para liberar nervios"),
				out.getParameterValue("display").primitiveValue());
	}

	@Test
	void patientTextIsReadableInBothLanguagesFromTheLibrary(LiveServer.Server server) {
		Library lib = server.client().read().resource(Library.class).withId("cpt-63295-patient-information").execute();
		assertEquals("asset-collection", lib.getType().getCodingFirstRep().getCode());
		Map<String, String> byLanguageAndType = lib.getContent().stream().collect(Collectors.toMap(
				a -> a.getLanguage() + " " + a.getContentType(), PatientContentTest::text));
		assertEquals(4, byLanguageAndType.size());
		assertTrue(byLanguageAndType.get("en text/markdown").contains("## Common risks"));
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
