package org.procterm.engine.codesystem;

import org.procterm.engine.Messages;
import org.procterm.engine.SubsumptionOutcome;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;

/** {@code CodeSystem/$subsumes}: how two codes of one code system relate in its is-a hierarchy. */
public final class Subsumption {

	private final TerminologyContext context;

	public Subsumption(TerminologyContext context) {
		this.context = context;
	}

	public SubsumptionOutcome subsumes(String system, String version, String codeA, String codeB) {
		if (system == null || codeA == null || codeB == null) {
			throw TerminologyException.invalid(Messages.SUBSUMES_NEEDS_CODES.text());
		}
		CodeSystemIndex cs = context.codeSystemOrThrow(system, version, null);
		Concept a = cs.find(codeA).orElseThrow(() -> TerminologyException.invalid(
				Messages.SUBSUMES_CODE_UNKNOWN.text("codeA", codeA, TerminologyContext.describe(cs))));
		Concept b = cs.find(codeB).orElseThrow(() -> TerminologyException.invalid(
				Messages.SUBSUMES_CODE_UNKNOWN.text("codeB", codeB, TerminologyContext.describe(cs))));
		if (a.code().equals(b.code())) {
			return SubsumptionOutcome.EQUIVALENT;
		}
		if (cs.descendantsOf(a.code()).contains(b.code())) {
			return SubsumptionOutcome.SUBSUMES;
		}
		if (cs.descendantsOf(b.code()).contains(a.code())) {
			return SubsumptionOutcome.SUBSUMED_BY;
		}
		return SubsumptionOutcome.NOT_SUBSUMED;
	}
}
