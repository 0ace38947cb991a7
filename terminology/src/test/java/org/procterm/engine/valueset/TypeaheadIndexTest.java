package org.procterm.engine.valueset;

import org.procterm.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.TextMatch;

/**
 * A value set large enough for typeahead to go through the word index gives exactly the answer of
 * ranking every concept: the same codes, in the same order, with the same total.
 */
class TypeaheadIndexTest {

	private static final String SYSTEM = "http://example.org/large";
	private static final String[] ACTIONS = {"Fusion", "Osteotomy", "Laminectomy", "Discectomy", "Biopsy", "Rhizotomy"};
	private static final String[] SITES = {"cervical", "thoracic", "lumbar", "sacral", "cóccyx"};
	private static final String[] APPROACHES = {"posterior", "anterior", "lateral", "endoscopic"};

	private static CodeSystem large(int n) {
		CodeSystem cs = new CodeSystem().setUrl(SYSTEM).setVersion("1").setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		for (int i = 0; i < n; i++) {
			var c = cs.addConcept().setCode(String.format("%05d", 20000 + i)).setDisplay(ACTIONS[i % ACTIONS.length] + ", "
					+ SITES[(i / 7) % SITES.length] + ", " + APPROACHES[(i / 3) % APPROACHES.length] + " approach, " + (1 + i % 4) + " segments");
			c.addDesignation().setLanguage("es").setValue("Procedimiento número " + i);
			if (i % 50 == 0) {
				c.addProperty().setCode("inactive").setValue(new BooleanType(true));
			}
		}
		return cs;
	}

	private final CodeSystem codeSystem = large(6000);
	private final TerminologyEngine engine = engine(codeSystem);
	private final CodeSystemIndex index = CodeSystemIndex.of(codeSystem);
	private final ValueSet all = new ValueSet().setUrl("http://example.org/vs/large").setVersion("1");

	{
		all.getCompose().addInclude().setSystem(SYSTEM);
	}

	private static TerminologyEngine engine(CodeSystem cs) {
		TerminologyEngine e = new TerminologyEngine(new EngineLimits(100_000, java.time.Duration.ofSeconds(10)));
		e.putCodeSystem("CodeSystem/large", cs);
		return e;
	}

	private List<String> expanded(String filter, boolean activeOnly, int offset, Integer count) {
		ValueSet out = engine.context().expand(all, ExpansionRequest.builder().filter(filter).offset(offset).count(count).activeOnly(activeOnly).build());
		return out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}

	/** The reference answer: every concept ranked, stable by code system order. */
	private List<String> rankedByScan(String filter, boolean activeOnly) {
		return rankedByScanOf(index.concepts().stream().filter(c -> !activeOnly || !c.inactive()).toList(), filter);
	}

	@Test
	void everyKindOfFilterGivesTheScannedAnswer() {
		for (String filter : List.of("lumb", "lumbar fus", "FUSION POSTERIOR 3", "coccyx", "numero 59", "2001", "20010",
				"endo disc", "nothing-like-this", "segm")) {
			assertEquals(rankedByScan(filter, false), expanded(filter, false, 0, null), filter);
		}
	}

	@Test
	void activeOnlyLeavesOutInactiveCodesOnTheIndexedPathToo() {
		List<String> active = expanded("biopsy", true, 0, null);
		assertEquals(rankedByScan("biopsy", true), active);
		assertTrue(active.size() < rankedByScan("biopsy", false).size());
	}

	@Test
	void pagesComeFromTheRankedWhole() {
		List<String> whole = rankedByScan("lamin thor", false);
		assertEquals(whole.subList(20, 40), expanded("lamin thor", false, 20, 20));
		ValueSet page = engine.context().expand(all, ExpansionRequest.builder().filter("lamin thor").offset(0).count(20).activeOnly(false).build());
		assertEquals(whole.size(), page.getExpansion().getTotal());
	}

	@Test
	void aFilterThatBeginsTheDisplayRanksThoseConceptsFirst() {
		List<String> answer = expanded("osteotomy, lumbar", false, 0, null);
		assertEquals(rankedByScan("osteotomy, lumbar", false), answer);
		assertTrue(index.find(answer.get(0)).orElseThrow().display().startsWith("Osteotomy, lumbar"));
	}

	@Test
	void aValueSetListingCodesOutOfOrderPagesInItsOwnOrder() {
		ValueSet reversed = new ValueSet().setUrl("http://example.org/vs/reversed").setVersion("1");
		var include = reversed.getCompose().addInclude().setSystem(SYSTEM);
		List<Concept> concepts = new ArrayList<>(index.concepts());
		for (int i = concepts.size() - 1; i >= 0; i--) {
			include.addConcept().setCode(concepts.get(i).code());
		}
		java.util.Collections.reverse(concepts);
		List<String> expected = rankedByScanOf(concepts, "fusion lumb");
		ValueSet out = engine.context().expand(reversed, ExpansionRequest.builder().filter("fusion lumb").offset(5).count(30).activeOnly(false).build());
		assertEquals(expected.subList(5, 35), out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList());
		assertEquals(expected.size(), out.getExpansion().getTotal());
	}

	@Test
	void aValueSetOverTwoCodeSystemsRanksAcrossBoth() {
		CodeSystem second = large(3000).setUrl("http://example.org/other");
		engine.putCodeSystem("CodeSystem/other", second);
		ValueSet both = new ValueSet().setUrl("http://example.org/vs/both").setVersion("1");
		both.getCompose().addInclude().setSystem(SYSTEM);
		both.getCompose().addInclude().setSystem("http://example.org/other");
		List<Concept> concepts = new ArrayList<>(index.concepts());
		concepts.addAll(CodeSystemIndex.of(second).concepts());
		ValueSet out = engine.context().expand(both, ExpansionRequest.builder().filter("2001").offset(0).activeOnly(false).build());
		List<String> codes = out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
		assertEquals(rankedByScanOf(concepts, "2001"), codes);
		assertEquals("2001", out.getExpansion().getContains().get(0).getCode().substring(0, 4));
		assertEquals(2, out.getExpansion().getContains().stream().filter(e -> e.getCode().equals("20010")).count());
	}

	private static List<String> rankedByScanOf(List<Concept> concepts, String filter) {
		TextMatch match = TextMatch.of(filter);
		return concepts.stream().filter(c -> match.rank(c) != TextMatch.Rank.NONE)
				.sorted(Comparator.comparing(match::rank)).map(Concept::code).toList();
	}
}
