package org.procterm.cli;

import java.util.Optional;

import org.procterm.config.ServerSettings;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.DirectConnections;
import org.procterm.server.ProcTermContext;

import ca.uhn.fhir.context.FhirContext;

/** Opens procterm's database for a command that runs without the server. */
final class Offline {

	private Offline() {}

	static ProcTermContext open(ServerSettings settings) {
		refuseIfInUse(settings);
		try {
			return ProcTermContext.open(settings);
		} catch (RuntimeException e) {
			if (causes(e, "already in use")) { // H2: "Database may be already in use"
				throw new IllegalStateException(inUse(settings), e);
			}
			throw e;
		}
	}

	/**
	 * The diff of two imported versions, read straight from procterm's content table: no FHIR store,
	 * no web server, a second or two instead of a full start. Empty when either version was not
	 * imported (stored with PUT, say), so the caller falls back to the engine.
	 */
	static Optional<CodeSystemDiff> importedDiff(ServerSettings settings, String url, String from, String to) {
		refuseIfInUse(settings);
		CodeSystemContentStore store = new CodeSystemContentStore(DirectConnections.to(settings), settings.isPostgres());
		var before = store.findVersion(url, from);
		var after = store.findVersion(url, to);
		if (before.isEmpty() || after.isEmpty()) {
			return Optional.empty();
		}
		CodeSystemJsonReader reader = new CodeSystemJsonReader(FhirContext.forR4Cached());
		return Optional.of(CodeSystemDiff.between(store.index(before.get().resourceId(), reader).orElseThrow(),
				store.index(after.get().resourceId(), reader).orElseThrow()));
	}

	/**
	 * H2 admits one process at a time. Asked before the whole stack starts, so that a command run
	 * beside a running server says so in one line instead of the libraries' pages of errors.
	 */
	static void refuseIfInUse(ServerSettings settings) {
		if (settings.isPostgres()) {
			return; // PostgreSQL serves many processes; the import's transaction keeps them apart
		}
		try (java.sql.Connection probe = DirectConnections.to(settings).getConnection()) {
			// free: the probe closes at once, and H2 closes the file with it
		} catch (java.sql.SQLException e) {
			if (causes(e, "already in use") || causes(e, "locked by another process")) {
				throw new IllegalStateException(inUse(settings));
			}
			// anything else is reported by the full start, with its context
		}
	}

	private static String inUse(ServerSettings settings) {
		return "The database " + settings.dbUrl() + " is in use by a running procterm. Stop that server first, or ask it over REST "
				+ "instead: CodeSystem/$import-cpt to import, CodeSystem/$diff to compare (see the README, \"Importing\").";
	}

	private static boolean causes(Throwable t, String text) {
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c.getMessage() != null && c.getMessage().contains(text)) {
				return true;
			}
		}
		return false;
	}
}
