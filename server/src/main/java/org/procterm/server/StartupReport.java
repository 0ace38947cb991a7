package org.procterm.server;

import java.util.List;
import java.util.Locale;

import org.procterm.config.ServerSettings;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the console says once everything is served: where it is, what it serves, how long the start took. */
public record StartupReport(String baseUrl, String database, String bundledPackage, List<String> codeSystems,
		int valueSets, String writes, double seconds) {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	StartupReport(String baseUrl, ServerSettings settings, String bundledPackage, TerminologyEngine engine, double seconds) {
		this(baseUrl, settings.databaseDescription(), bundledPackage,
				engine.codeSystems().stream().map(StartupReport::describe).toList(), engine.valueSetCount(),
				settings.adminToken() == null ? "refused (read-only: no admin token configured)" : "need the admin token",
				seconds);
	}

	private static String describe(CodeSystemIndex cs) {
		return (cs.version() == null ? cs.url() : cs.url() + "|" + cs.version()) + "  " + cs.size() + " concepts";
	}

	void print() {
		log.info("procterm started in {} s: everything is served", String.format(Locale.ROOT, "%.1f", seconds));
		log.info("  base URL      {}", baseUrl);
		log.info("  database      {}", database);
		log.info("  content       {}", bundledPackage);
		log.info("  code systems  {}", codeSystems.isEmpty() ? "none" : codeSystems.size());
		codeSystems.forEach(cs -> log.info("                {}", cs));
		log.info("  value sets    {}", valueSets);
		log.info("  writes        {}", writes);
	}
}
