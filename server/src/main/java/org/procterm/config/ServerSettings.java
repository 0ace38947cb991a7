package org.procterm.config;

import java.nio.file.Path;

/**
 * Every setting of a running server, read once at start-up by {@link SettingsLoader}.
 *
 * @param adminToken the bearer token that authorises writes; null means a read-only server
 * @param limits what one request may cost: body sizes, time, archive sizes
 * @param cors which other web origins may call the server from a browser
 * @param licence which code systems hold licensed texts, and which credentials carry the licence
 * @param accessLog whether each request gets a line in the log (logger procterm.access)
 * @param coreTerminology whether FHIR's own code systems and value sets are answered for
 * @param resourceTypes the FHIR resource types stored and served besides those procterm needs, or null for every type
 */
public record ServerSettings(
		String host,
		int port,
		Path dataDir,
		String dbUrl,
		String dbUser,
		String dbPassword,
		String adminToken,
		int maxExpansionSize,
		boolean schedulingEnabled,
		RequestLimits limits,
		CorsSettings cors,
		LicenceSettings licence,
		boolean accessLog,
		boolean coreTerminology,
		java.util.Set<String> resourceTypes) {

	public boolean isPostgres() {
		return dbUrl.startsWith("jdbc:postgresql:");
	}

	/** The database as the start-up report shows it: no password, no user. */
	public String databaseDescription() {
		return isPostgres() ? "PostgreSQL " + dbUrl : "H2 " + dbUrl;
	}
}
