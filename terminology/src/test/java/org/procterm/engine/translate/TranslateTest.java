package org.procterm.engine.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.Test;

/** The rules of $translate: scopes, target system, reverse, and each unmapped mode, a loop of other-maps included. */
class TranslateTest {

	private static final String A = "http://example.org/a";
	private static final String B = "http://example.org/b";

	private static ConceptMap map(String url, String source, String target) {
		ConceptMap map = new ConceptMap();
		map.setUrl(url);
		map.setSource(new org.hl7.fhir.r4.model.UriType(source));
		map.setTarget(new org.hl7.fhir.r4.model.UriType(target));
		ConceptMap.ConceptMapGroupComponent g = map.addGroup().setSource(A).setTarget(B);
		g.addElement().setCode("1").addTarget().setCode("one").setEquivalence(ConceptMapEquivalence.EQUIVALENT);
		g.addElement().setCode("2").addTarget().setCode("two").setEquivalence(ConceptMapEquivalence.NARROWER);
		return map;
	}

	private static TranslateRequest forward(String code) {
		return new TranslateRequest(List.of(new Coding(A, code, null)), null, null, null, false);
	}

	private static List<String> concepts(TranslateResult r) {
		return r.matches().stream().map(m -> m.concept() == null ? null : m.concept().getSystem() + "#" + m.concept().getCode()).toList();
	}

	@Test
	void aMapTranslatesOnlyWithinTheScopesAndTargetSystemAsked() {
		ConceptMapTranslator translator = new ConceptMapTranslator(url -> Optional.empty());
		ConceptMap map = map("http://example.org/cm", "http://example.org/vs-a", "http://example.org/vs-b");
		assertEquals(List.of(B + "#one"), concepts(translator.translate(List.of(map), forward("1"))));
		assertEquals("narrower", translator.translate(List.of(map), forward("2")).matches().get(0).equivalence());
		TranslateRequest otherScope = new TranslateRequest(List.of(new Coding(A, "1", null)), "http://example.org/vs-z", null, null, false);
		assertFalse(translator.translate(List.of(map), otherScope).result());
		TranslateRequest otherSystem = new TranslateRequest(List.of(new Coding(A, "1", null)), null, null, "http://example.org/c", false);
		assertFalse(translator.translate(List.of(map), otherSystem).result());
	}

	@Test
	void reverseFindsTheSourceConceptsMappedToACode() {
		TranslateRequest reverse = new TranslateRequest(List.of(new Coding(B, "two", null)), null, null, null, true);
		TranslateResult r = new ConceptMapTranslator(url -> Optional.empty()).translate(List.of(map("http://example.org/cm", null, null)), reverse);
		assertTrue(r.result());
		assertEquals(A, r.matches().get(0).source().getSystem());
		assertEquals("2", r.matches().get(0).source().getCode());
	}

	@Test
	void unmappedCodesFollowTheGroupsRuleAndALoopOfOtherMapsEnds() {
		ConceptMap provided = map("http://example.org/provided", null, null);
		provided.getGroupFirstRep().getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.PROVIDED);
		assertEquals(List.of(B + "#9"), concepts(new ConceptMapTranslator(url -> Optional.empty()).translate(List.of(provided), forward("9"))));

		ConceptMap first = map("http://example.org/first", null, null);
		first.getGroupFirstRep().getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.OTHERMAP).setUrl("http://example.org/second");
		ConceptMap second = map("http://example.org/second", null, null);
		second.getGroupFirstRep().getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.OTHERMAP).setUrl("http://example.org/first");
		Map<String, ConceptMap> byUrl = Map.of(first.getUrl(), first, second.getUrl(), second);
		TranslateResult looped = new ConceptMapTranslator(url -> Optional.ofNullable(byUrl.get(url))).translate(List.of(first), forward("9"));
		assertFalse(looped.result(), "a loop of other-maps ends without a translation");
		assertTrue(looped.message().contains(A + "#9"));
	}

	@Test
	void manyGroupsThatSendUnmappedCodesToTheirOwnMapDoNotMultiplyTheWork() {
		ConceptMap self = new ConceptMap();
		self.setUrl("http://example.org/self");
		for (int g = 0; g < 60; g++) {
			self.addGroup().setSource(A).setTarget(B).getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.OTHERMAP).setUrl(self.getUrl());
		}
		long started = System.nanoTime();
		TranslateResult r = new ConceptMapTranslator(url -> Optional.of(self)).translate(List.of(self), forward("9"));
		assertFalse(r.result());
		assertTrue(System.nanoTime() - started < 5_000_000_000L, "each map is followed once per concept, so this ends at once");
	}
}
