package org.procterm.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.procterm.config.ServerSettings;
import org.procterm.store.SchemaMigrations;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code procterm migrate}: creates or upgrades the PostgreSQL schema with HAPI's migrator. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = "Create or upgrade the PostgreSQL schema (HAPI FHIR's tables and procterm's) for this procterm.%n"
				+ "Run it on a new database and after every upgrade, before 'serve'. Safe to repeat.")
public class MigrateCommand implements Callable<Integer> {

	@Mixin
	DatabaseOptions database;

	@picocli.CommandLine.Option(names = "--baseline", description = "record the schema an earlier procterm let Hibernate make as "
			+ "HAPI FHIR 8.8.0's, without changing it (once, before the first 'migrate' on such a database)")
	boolean baseline;

	@Override
	public Integer call() {
		ServerSettings settings = database.settings(Map.of());
		if (!settings.isPostgres()) {
			System.out.println("Nothing to migrate: the embedded H2 database's schema is kept up to date at every start.");
			return 0;
		}
		long started = System.nanoTime();
		try {
			SchemaMigrations.Changes applied = SchemaMigrations.migrate(settings, baseline);
			System.out.println(applied.none() ? "The schema of " + settings.databaseDescription() + " is current; nothing to do."
					: String.format(Locale.ROOT, baseline ? "Recorded %d HAPI FHIR schema changes as applied, and applied %d procterm ones, to %s in %.1f s."
							: "Applied %d HAPI FHIR and %d procterm schema changes to %s in %.1f s.", applied.hapi(),
							applied.procterm(), settings.databaseDescription(), (System.nanoTime() - started) / 1e9));
			return 0;
		} catch (IllegalStateException | org.springframework.dao.DataAccessException e) {
			System.err.println("procterm: " + e.getMessage());
			return 1;
		}
	}
}
