package org.procterm.engine;

import java.time.Duration;

/**
 * The time one request may spend in the engine's loops over concepts. Checked inside those loops
 * (cheaply: a clock read), so a request that would run on (a costly filter over a large code
 * system, say) is stopped with {@code too-costly} and its thread freed, instead of working on after
 * the client has given up.
 */
public final class Deadline {

	/** How many items a loop handles between two looks at the clock. */
	static final int CHECK_EVERY = 256;

	private final long endsAt;
	private final Duration budget;

	private Deadline(Duration budget) {
		this.budget = budget;
		this.endsAt = System.nanoTime() + budget.toNanos();
	}

	public static Deadline after(Duration budget) {
		return new Deadline(budget);
	}

	/** @throws TerminologyException too-costly when the budget is spent */
	public void check() {
		if (System.nanoTime() - endsAt > 0) {
			throw TerminologyException.tooCostly("The request needed more than " + budget.toMillis() / 1000.0
					+ " seconds of work, the most this server spends on one request; narrow it (a more specific filter, "
					+ "a smaller value set, or a simpler regex) and ask again");
		}
	}

	/** Checks the clock on every {@link #CHECK_EVERY}th call: for the inner loop over concepts. */
	public void tick(int iteration) {
		if (iteration % CHECK_EVERY == 0) {
			check();
		}
	}
}
