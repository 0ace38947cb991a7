package org.procterm.content;

/**
 * Where a long-running import reports how far it is. The command line draws a progress bar from
 * it; the server and the tests pass {@link #NONE}.
 */
public interface Progress {

	Progress NONE = new Progress() {
		@Override
		public void stage(String name, long total) {}

		@Override
		public void advance(long done) {}
	};

	/** A new stage begins, with {@code total} units of work (or -1 when unknown). */
	void stage(String name, long total);

	/** {@code done} more units of the current stage are finished. */
	void advance(long done);
}
