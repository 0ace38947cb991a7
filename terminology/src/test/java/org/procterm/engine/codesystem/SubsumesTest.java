package org.procterm.engine.codesystem;

import org.procterm.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubsumesTest {

	private final TerminologyEngine engine = Fixtures.engine();

	@Test
	void answersEveryOutcomeAcrossSeveralLevels() {
		assertEquals(SubsumptionOutcome.SUBSUMES, engine.context().subsumes(Fixtures.SYSTEM, null, "SPINE", "10021"));
		assertEquals(SubsumptionOutcome.SUBSUMED_BY, engine.context().subsumes(Fixtures.SYSTEM, null, "10021", "10020"));
		assertEquals(SubsumptionOutcome.EQUIVALENT, engine.context().subsumes(Fixtures.SYSTEM, null, "10010", "10010"));
		assertEquals(SubsumptionOutcome.NOT_SUBSUMED, engine.context().subsumes(Fixtures.SYSTEM, null, "10010", "10020"));
		assertEquals(SubsumptionOutcome.SUBSUMES, engine.context().subsumes(Fixtures.SYSTEM, null, "KNEE", "20010"));
	}

	@Test
	void unknownCodeIsAClientError() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> engine.context().subsumes(Fixtures.SYSTEM, null, "SPINE", "x"));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
	}
}
