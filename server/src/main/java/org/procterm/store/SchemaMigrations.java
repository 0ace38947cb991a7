package org.procterm.store;

import java.util.Set;

import javax.sql.DataSource;

import org.procterm.config.ServerSettings;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.taskdef.AddTableRawSqlTask;
import ca.uhn.fhir.jpa.migrate.tasks.api.TaskFlagEnum;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;

/**
 * The PostgreSQL schema, created and upgraded by HAPI's own migrator: HAPI's tables by the tasks
 * HAPI ships for its release (recorded in HAPI's table {@code FLY_HFJ_MIGRATION}), procterm's
 * tables by procterm's tasks in the same way (recorded in {@code PT_MIGRATION}). {@code procterm
 * migrate} applies them; {@code serve} refuses to start while any is pending, so a node never runs
 * on a schema older than its code. H2, a single developer's database, keeps Hibernate's own update.
 */
public final class SchemaMigrations {

	private static final String PROCTERM_TABLE = "PT_MIGRATION";
	private static final DriverTypeEnum DRIVER = DriverTypeEnum.POSTGRES_9_4;

	/** What a migration did, or what is pending: schema changes of HAPI's and of procterm's. */
	public record Changes(int hapi, int procterm) {
		public boolean none() {
			return hapi == 0 && procterm == 0;
		}
	}

	private SchemaMigrations() {}

	/**
	 * Applies every pending change to the database {@code settings} names. With {@code baseline}, HAPI's
	 * changes are recorded as applied without running them: for a database whose schema an earlier
	 * procterm let Hibernate make (its HAPI FHIR 8.8.0 tables are there, HAPI's migration record is not).
	 */
	public static Changes migrate(ServerSettings settings, boolean baseline) {
		return withDatabase(settings, database -> {
			boolean unrecorded = madeWithoutMigrations(database);
			if (unrecorded && !baseline) {
				throw new IllegalStateException(UNRECORDED);
			}
			if (baseline && !unrecorded) {
				throw new IllegalStateException("--baseline is only for a database whose HAPI FHIR tables were made without migrations; "
						+ "this one " + (tableExists(database, "HFJ_RESOURCE") ? "has its migration record" : "has no HAPI FHIR tables yet")
						+ ": run 'migrate' without it");
			}
			MigrationTaskList hapi = hapiTasks();
			if (baseline) {
				hapi.forEach(task -> task.addFlag(TaskFlagEnum.DO_NOTHING));
			}
			return new Changes(run(database, SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, hapi), run(database, PROCTERM_TABLE, proctermTasks()));
		});
	}

	/** What {@code serve} says on a database an earlier procterm made without migrations. */
	private static final String UNRECORDED = "This database's schema was made by an earlier procterm without migrations (Hibernate's update). "
			+ "Run 'java -jar procterm.jar migrate --baseline' once to record it as HAPI FHIR 8.8.0's schema; "
			+ "later upgrades then run with 'migrate'.";

	/**
	 * The changes not yet applied (none on a current schema); reads only. A database made without
	 * migrations is refused here with what to do.
	 */
	public static Changes pending(ServerSettings settings) {
		return withDatabase(settings, database -> {
			if (madeWithoutMigrations(database)) {
				throw new IllegalStateException(UNRECORDED);
			}
			return new Changes(pendingIn(database, SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, hapiTasks()),
					pendingIn(database, PROCTERM_TABLE, proctermTasks()));
		});
	}

	/** HAPI's tables are there but HAPI's migration record is not. */
	private static boolean madeWithoutMigrations(DataSource database) {
		return tableExists(database, "HFJ_RESOURCE") && !tableExists(database, SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME);
	}

	private static boolean tableExists(DataSource database, String table) {
		try (java.sql.Connection c = database.getConnection()) {
			var meta = c.getMetaData();
			for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) { // PostgreSQL folds unquoted names to lower case
				try (var tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		} catch (java.sql.SQLException e) {
			throw new IllegalStateException("The database could not be read: " + e.getMessage(), e);
		}
	}

	private static int run(DataSource database, String table, MigrationTaskList tasks) {
		HapiMigrator migrator = new HapiMigrator(table, database, DRIVER);
		migrator.createMigrationTableIfRequired();
		migrator.addTasks(tasks);
		MigrationResult result = migrator.migrate();
		if (!result.failedTasks.isEmpty()) {
			throw new IllegalStateException("The schema migration failed at " + result.failedTasks.get(0).getDescription()
					+ "; nothing after it was applied. The database log says why.");
		}
		return result.succeededTasks.size();
	}

	private static int pendingIn(DataSource database, String table, MigrationTaskList tasks) {
		if (!tableExists(database, table)) {
			return tasks.getUnskippableTasks().size(); // never migrated: everything is pending (and nothing is written to say so)
		}
		return new HapiMigrationStorageSvc(new HapiMigrationDao(database, DRIVER, table)).diff(tasks).getUnskippableTasks().size();
	}

	private static MigrationTaskList hapiTasks() {
		return new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
	}

	/** procterm's own tables, one task per change, never edited once released: a change is a new task. */
	private static MigrationTaskList proctermTasks() {
		MigrationTaskList tasks = new MigrationTaskList();
		tasks.add(table("20261201.1", "PT_CODE_SYSTEM_CONTENT", CodeSystemContentStore.table(true)));
		tasks.add(table("20261201.2", "PT_CHANGE_COUNTER", ChangeLog.SCHEMA.get(0), ChangeLog.SCHEMA.get(1)));
		tasks.add(table("20261201.3", "PT_CHANGE", ChangeLog.SCHEMA.get(2)));
		tasks.add(table("20261202.1", "PT_INSTALLED_PACKAGE", InstalledPackages.table()));
		return tasks;
	}

	private static AddTableRawSqlTask table(String schemaVersion, String name, String... sql) {
		AddTableRawSqlTask task = new AddTableRawSqlTask("1.0", schemaVersion);
		task.setTableName(name);
		task.setDescription("procterm table " + name);
		for (String statement : sql) {
			task.addSql(DRIVER, statement);
		}
		return task;
	}

	private static <T> T withDatabase(ServerSettings settings, java.util.function.Function<DataSource, T> work) {
		return work.apply(DirectConnections.to(settings)); // a connection per use: HAPI's migrator closes the ones it takes
	}
}
