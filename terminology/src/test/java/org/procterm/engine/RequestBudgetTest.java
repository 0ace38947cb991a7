package org.procterm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** No request can make the engine work without bound: pattern size, time and nesting depth are limited. */
class RequestBudgetTest {

	private static ValueSet regexOnDisplay(String regex) {
		return Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("display").setOp(ValueSet.FilterOperator.REGEX).setValue(regex));
	}

	private static TerminologyException refused(TerminologyEngine engine, ValueSet vs) {
		return assertThrows(TerminologyException.class, () -> engine.context().expand(vs, ExpansionRequest.all()));
	}

	@Test
	void aRegexLongerThanTheLimitIsRefusedBeforeItRuns() {
		TerminologyException e = refused(Fixtures.engine(), regexOnDisplay(".*".repeat(500)));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
		assertTrue(e.getMessage().contains("1000 characters long") && e.getMessage().contains("at most 256"), e.getMessage());
	}

	@Test
	void deeplyNestedGroupsAreRefusedBeforeTheyAreParsed() {
		TerminologyException e = refused(Fixtures.engine(), regexOnDisplay("(".repeat(40) + "a" + ")".repeat(40)));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
		assertTrue(e.getMessage().contains("nests groups 40 deep"), e.getMessage());
		// brackets inside a character class and escaped ones are not groups
		assertEquals(0, Fixtures.engine().context().expand(regexOnDisplay("[(((((((((((((((((((]\\(x"), ExpansionRequest.all()).getExpansion().getTotal());
	}

	@Test
	void aFilterThatRunsPastTheTimeBudgetIsStoppedAsTooCostly() {
		TerminologyEngine noTime = new TerminologyEngine(new EngineLimits(1000, Duration.ZERO));
		noTime.putCodeSystem("CodeSystem/procedures", Fixtures.procedures());
		TerminologyException e = refused(noTime, regexOnDisplay(".*lamin.*"));
		assertEquals(TerminologyException.Problem.TOO_COSTLY, e.problem());
		assertTrue(e.getMessage().contains("the most this server spends on one request"), e.getMessage());
		// the same request within the budget is answered
		assertEquals(2, Fixtures.engine().context().expand(regexOnDisplay("(?i).*lamin.*"), ExpansionRequest.all()).getExpansion().getTotal());
	}

	@Test
	void aNestedExpansionDeeperThanTheLimitIsTooCostlyNotAStackOverflow() {
		CodeSystem chain = new CodeSystem();
		chain.setUrl("http://example.org/chain").setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		for (int i = 0; i < 5000; i++) {
			var concept = chain.addConcept().setCode("c" + i);
			if (i > 0) {
				concept.addProperty().setCode("parent").setValue(new org.hl7.fhir.r4.model.CodeType("c" + (i - 1)));
			}
		}
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(10_000, Duration.ofSeconds(10)));
		engine.putCodeSystem("CodeSystem/chain", chain);
		ValueSet all = new ValueSet();
		all.setUrl("http://example.org/vs/chain").setStatus(PublicationStatus.ACTIVE);
		all.getCompose().addInclude().setSystem("http://example.org/chain");
		ExpansionRequest nested = ExpansionRequest.builder().offset(0).activeOnly(false).excludeNested(false).build();
		TerminologyException e = assertThrows(TerminologyException.class, () -> engine.context().expand(all, nested));
		assertEquals(TerminologyException.Problem.TOO_COSTLY, e.problem());
		assertTrue(e.getMessage().contains("excludeNested=true"), e.getMessage());
		assertEquals(5000, engine.context().expand(all, ExpansionRequest.all()).getExpansion().getContains().size(), "flat, it is served");
		ExpansionRequest unasked = ExpansionRequest.builder().offset(0).activeOnly(false).build();
		assertEquals(5000, engine.context().expand(all, unasked).getExpansion().getContains().size(),
				"nesting not asked for: a hierarchy too deep to nest comes back flat, not refused");
	}
}
