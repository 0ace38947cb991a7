package org.procterm.importing;

import java.nio.file.Path;

import org.procterm.TestServers;
import org.procterm.content.Progress;
import org.procterm.server.ProcTermContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Run in a child JVM by the crash test: imports a CPT release on a data folder and halts, as a
 * kill -9 would, at the import's last checkpoint: every write done, none committed.
 * {@code KilledImport <release folder> <version> <data folder>}
 */
public final class KilledImport {

	private KilledImport() {}

	/** Puts the halting checkpoint in place of the production one. */
	@Configuration
	public static class HaltBeforeCommit {
		@Bean
		@Primary
		public ImportCheckpoints haltingCheckpoints() {
			return () -> Runtime.getRuntime().halt(137);
		}
	}

	public static void main(String[] args) {
		ProcTermContext context = ProcTermContext.open(TestServers.settings(Path.of(args[2])), HaltBeforeCommit.class);
		context.bean(ImportService.class).importCpt(Path.of(args[0]), args[1], Progress.NONE);
		System.exit(0); // not reached: the checkpoint halts
	}
}
