package org.procterm.cli;

import java.io.PrintStream;
import java.util.Locale;


/**
 * An import's progress as plain lines, for output that is not a terminal (a log file, CI): a line
 * when a stage begins, then one at each further tenth of the work or every 10 s, whichever comes
 * first; never the carriage returns a progress bar redraws itself with.
 */
final class LineProgress implements AutoCloseableProgress {

	private static final long EVERY_NANOS = 10_000_000_000L;

	private final PrintStream out;
	private String stage;
	private long total;
	private long done;
	private long lastTenth;
	private long lastLine;

	LineProgress(PrintStream out) {
		this.out = out;
	}

	@Override
	public void stage(String name, long total) {
		close();
		this.stage = name;
		this.total = total;
		this.done = 0;
		this.lastTenth = 0;
		this.lastLine = System.nanoTime();
		out.println(name + "...");
	}

	@Override
	public void advance(long more) {
		done += more;
		long now = System.nanoTime();
		long tenth = total > 0 ? done * 10 / total : 0;
		if (tenth > lastTenth || now - lastLine > EVERY_NANOS) {
			lastTenth = tenth;
			lastLine = now;
			out.println(stage + ": " + (total > 0 ? String.format(Locale.ROOT, "%d%%", done * 100 / total) : done + " done"));
		}
	}

	@Override
	public void close() {
		if (stage != null && total > 0 && lastTenth < 10) {
			out.println(stage + ": 100%");
		}
		stage = null;
	}
}
