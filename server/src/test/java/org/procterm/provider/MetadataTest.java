package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

@ExtendWith(LiveServer.class)
class MetadataTest {

	private static String get(LiveServer.Server server, String path) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(200, r.statusCode(), r.body());
		return r.body();
	}

	@Test
	void terminologyModeListsTheServedCodeSystemsAndExpansionParameters(LiveServer.Server server) throws Exception {
		TerminologyCapabilities tc = server.fhir().newJsonParser().parseResource(TerminologyCapabilities.class,
				get(server, "/metadata?mode=terminology"));
		assertTrue(tc.getCodeSystem().stream().anyMatch(cs -> cs.getUri().equals("http://www.ama-assn.org/go/cpt")
				&& cs.getVersion().stream().anyMatch(v -> v.getCode().equals("2026"))));
		assertTrue(tc.getCodeSystem().stream().anyMatch(cs -> cs.getUri().equals("http://hl7.org/fhir/administrative-gender")
				&& cs.getVersion().stream().anyMatch(v -> v.getCode().equals("4.0.1"))), "FHIR's own code systems are listed too");
		assertTrue(tc.getExpansion().getParameter().stream().anyMatch(p -> p.getName().equals("tx-resource")));
		var advertised = tc.getExpansion().getParameter().stream().map(p -> p.getName()).toList();
		assertTrue(advertised.containsAll(java.util.List.of("filter", "count", "offset", "excludeNested", "useSupplement")), advertised.toString());
		assertTrue(advertised.stream().noneMatch(p -> p.equals("context") || p.equals("contextDirection")), "refused parameters are not advertised");
		assertTrue(tc.getExpansion().getHierarchical(), "nested expansions are served");
		assertTrue(!tc.getSoftware().getVersion().isBlank() && !tc.getSoftware().getVersion().equals("development"), "the version comes from the build");
	}

	@Test
	void theTerminologyAndKnowledgeResourceTypesAreServedAndClinicalOnesAreNot(LiveServer.Server server) throws Exception {
		CapabilityStatement cs = server.fhir().newJsonParser().parseResource(CapabilityStatement.class, get(server, "/metadata"));
		java.util.List<String> types = cs.getRestFirstRep().getResource().stream().map(r -> r.getType()).toList();
		assertTrue(types.containsAll(java.util.List.of("CodeSystem", "ValueSet", "ConceptMap", "PlanDefinition", "Library", "Questionnaire")),
				types.toString());
		assertTrue(!types.contains("Patient") && !types.contains("Observation"), types.toString());
		HttpResponse<String> patients = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(404, patients.statusCode(), patients.body());
		assertTrue(patients.body().contains("OperationOutcome") && patients.body().contains("'Patient'")
				&& patients.body().contains("store.resource-types"), "says what it keeps and how to add a type: " + patients.body());
	}

	@Test
	void bothModesAnswerTheirOwnResourceWhicheverCameFirst(LiveServer.Server server) throws Exception {
		get(server, "/metadata?mode=terminology");
		assertEquals("CapabilityStatement", server.fhir().newJsonParser()
				.parseResource(CapabilityStatement.class, get(server, "/metadata")).fhirType());
		assertTrue(get(server, "/metadata?mode=terminology").contains("\"resourceType\":\"TerminologyCapabilities\""));
	}

	@Test
	void theCapabilityStatementSaysItIsATerminologyServerAndWhichVersionsItSpeaks(LiveServer.Server server) throws Exception {
		CapabilityStatement cs = server.fhir().newJsonParser().parseResource(CapabilityStatement.class,
				get(server, "/metadata"));
		assertTrue(cs.getInstantiates().stream().anyMatch(i -> "http://hl7.org/fhir/CapabilityStatement/terminology-server".equals(i.getValue())));
		assertEquals("procterm", cs.getSoftware().getName());
		assertTrue(cs.getExtension().stream().anyMatch(e -> e.getExtensionByUrl("definition") != null && e.getExtensionByUrl("definition")
				.getValue().primitiveValue().endsWith("/CodeSystemAsParameter")), "clients learn that code systems may be sent inline");
		org.hl7.fhir.r4.model.Parameters versions = server.fhir().newJsonParser().parseResource(org.hl7.fhir.r4.model.Parameters.class,
				get(server, "/$versions"));
		assertEquals("4.0", versions.getParameterValue("default").primitiveValue());
	}
}
