package org.procterm.cli;

import org.procterm.config.ServerSettings;
import org.procterm.server.ProcTermContext;

/** Opens procterm's database for a command that runs without the server. */
final class Offline {

	private Offline() {}

	static ProcTermContext open(ServerSettings settings) {
		try {
			return ProcTermContext.open(settings);
		} catch (RuntimeException e) {
			if (causes(e, "already in use")) { // H2: "Database may be already in use"
				throw new IllegalStateException("The database " + settings.dbUrl() + " is in use by a running procterm. "
						+ "Stop that server first, or send the import to it over REST (see the README, \"Importing\").", e);
			}
			throw e;
		}
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
