package org.procterm.content.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.procterm.content.Progress;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.procterm.engine.codesystem.Concept;

import ca.uhn.fhir.context.FhirContext;

class CodeSystemJsonReaderTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final CodeSystemJsonReader reader = new CodeSystemJsonReader(FHIR);

	private CodeSystemJsonReader.Result read(String json) {
		return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void streamingGivesTheSameIndexAsTheFhirModel() {
		CodeSystem cs = CptReleaseCodeSystem.build(AmaReleaseReader.read(Releases.fixture("2026"), "2026", Progress.NONE), null);
		CodeSystemIndex expected = CodeSystemIndex.of(cs);

		CodeSystemJsonReader.Result result = read(FHIR.newJsonParser().encodeResourceToString(cs));

		assertEquals("2026", result.index().version());
		assertEquals(expected.size(), result.index().size());
		assertTrue(result.header().getConcept().isEmpty(), "the header carries no concepts");
		for (Concept want : expected.concepts()) {
			Concept got = result.index().find(want.code()).orElseThrow();
			assertEquals(want.display(), got.display());
			assertEquals(want.inactive(), got.inactive());
			assertEquals(want.parents(), got.parents(), want.code());
			assertEquals(want.children(), got.children(), want.code());
			assertEquals(want.designations().stream().map(d -> d.use().getCode() + "=" + d.value()).toList(),
					got.designations().stream().map(d -> d.use().getCode() + "=" + d.value()).toList());
			assertEquals(want.properties().stream().map(p -> p.code() + "=" + p.value().primitiveValue()).toList(),
					got.properties().stream().map(p -> p.code() + "=" + p.value().primitiveValue()).toList());
		}
	}

	@Test
	void brokenJsonIsReportedWithItsLine() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> read("""
				{"resourceType": "CodeSystem", "url": "http://example.org/cs",
				 "concept": [{"code": "a"},
				   {"code": "b" "display": "B"}]}"""));
		assertTrue(e.getMessage().contains("line 3"), e.getMessage());
	}

	@Test
	void aConceptWithoutCodeIsRefused() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> read("""
				{"resourceType": "CodeSystem", "url": "http://example.org/cs", "concept": [{"display": "no code"}]}"""));
		assertTrue(e.getMessage().contains("has no code"), e.getMessage());
	}

	@Test
	void anotherResourceTypeIsRefused() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> read("""
				{"resourceType": "ValueSet", "url": "http://example.org/vs"}"""));
		assertTrue(e.getMessage().contains("Expected a CodeSystem"), e.getMessage());
	}

	@Test
	void aPropertyWithoutAnR4ValueTypeIsRefused() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> read("""
				{"resourceType": "CodeSystem", "url": "http://example.org/cs",
				 "concept": [{"code": "a", "property": [{"code": "p", "valueQuantity": {"value": 1}}]}]}"""));
		assertTrue(e.getMessage().contains("Property 'p' of concept 'a'"), e.getMessage());
	}
}
