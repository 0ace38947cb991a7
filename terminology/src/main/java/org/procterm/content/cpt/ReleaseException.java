package org.procterm.content.cpt;

import java.util.List;
import java.util.stream.Collectors;

/** A release that cannot be imported, with every problem found (the first {@value #SHOWN} in the message). */
public class ReleaseException extends RuntimeException {

	static final int SHOWN = 20;

	private final List<ReleaseProblem> problems;

	public ReleaseException(List<ReleaseProblem> problems) {
		super(describe(problems));
		this.problems = List.copyOf(problems);
	}

	public List<ReleaseProblem> problems() {
		return problems;
	}

	private static String describe(List<ReleaseProblem> problems) {
		String shown = problems.stream().limit(SHOWN).map(ReleaseProblem::toString).collect(Collectors.joining("\n  "));
		String more = problems.size() > SHOWN ? "\n  ... and " + (problems.size() - SHOWN) + " more" : "";
		return "The CPT release cannot be imported (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
				+ "; nothing was changed):\n  " + shown + more;
	}
}
