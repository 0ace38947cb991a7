package org.procterm.importing;

/**
 * Points in an import where a test may stop the process as a crash would, to check that nothing
 * half-done survives. Production imports pass through them with nothing happening.
 */
@FunctionalInterface
public interface ImportCheckpoints {

	ImportCheckpoints NONE = () -> {};

	/** Every write of an import is done, and none is committed yet. */
	void beforeCommit();
}
