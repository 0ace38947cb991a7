package org.procterm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.procterm.config.ServerSettings;
import org.procterm.config.SettingsLoader;
import org.procterm.server.ProcTermServer;

/** Settings and start-up for real servers in tests: free port, temporary data folder, no Quartz. */
public final class TestServers {

	public static final String ADMIN_TOKEN = "test-admin-token";

	private TestServers() {}

	public static ServerSettings settings(Path dataDir) {
		return settings(dataDir, Map.of());
	}

	/** The test settings with some changed, e.g. smaller limits. */
	public static ServerSettings settings(Path dataDir, Map<String, String> changed) {
		Map<String, String> values = new java.util.HashMap<>(Map.of(
				"port", "0",
				"data", dataDir.toString(),
				"admin.token", ADMIN_TOKEN,
				"scheduling.enabled", "false",
				"log.access", "false")); // thousands of test requests; OperationsTest turns it on
		values.putAll(changed);
		return new SettingsLoader(Map.of()).load(null, values);
	}

	public static ProcTermServer start(Path dataDir) throws Exception {
		return ProcTermServer.start(settings(dataDir));
	}

	/** The settings that put a server on the embedded PostgreSQL {@code postgres} (its default database and superuser). */
	public static Map<String, String> on(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
		return Map.of("db.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "db.user", "postgres");
	}

	/** As {@link #on}, with the schema made first, as {@code procterm migrate} makes it. */
	public static Map<String, String> migrated(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) throws java.io.IOException {
		org.procterm.store.SchemaMigrations.migrate(settings(newDataDir(), on(postgres)), false);
		return on(postgres);
	}

	public static Path newDataDir() throws java.io.IOException {
		return Files.createTempDirectory("procterm-test-");
	}
}
