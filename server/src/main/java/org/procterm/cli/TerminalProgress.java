package org.procterm.cli;


import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws each stage of an import as a progress bar on the terminal (standard error). */
final class TerminalProgress implements AutoCloseableProgress {

	private ProgressBar bar;

	@Override
	public void stage(String name, long total) {
		close();
		bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
				.setUnit(total > 0 ? " KiB" : "", total > 0 ? 1024 : 1).showSpeed().continuousUpdate()
				.setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
		if (total < 0) {
			bar.maxHint(-1);
		}
	}

	@Override
	public void advance(long done) {
		if (bar != null) {
			bar.stepBy(done);
		}
	}

	@Override
	public void close() {
		if (bar != null) {
			if (bar.getMax() > 0) {
				bar.stepTo(bar.getMax());
			}
			bar.close();
			bar = null;
		}
	}
}
