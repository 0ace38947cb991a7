package org.procterm.cli;

import org.procterm.content.Progress;

/** An import's progress on standard error, closed when the import ends. */
interface AutoCloseableProgress extends Progress, AutoCloseable {

	@Override
	void close();

	/** A redrawn bar on a terminal; plain lines anywhere else (a log file, CI), where a bar's carriage returns are noise. */
	static AutoCloseableProgress forStandardError() {
		return System.console() != null ? new TerminalProgress() : new LineProgress(System.err);
	}
}
