package org.procterm.engine;

import java.time.Duration;

/**
 * What one request may ask of the engine.
 *
 * @param maxExpansionSize the most codes one $expand answer may hold; more (without paging) is too-costly
 * @param operationBudget the most time one request may spend expanding or checking a value set
 */
public record EngineLimits(int maxExpansionSize, Duration operationBudget) {

	/**
	 * The most codes the engine works out for one value set, whatever is asked: a bound on the memory
	 * one request can take. A million-concept code system fits; ten million do not.
	 */
	public static final int MAX_WORKING_SET = 1_500_000;
}
