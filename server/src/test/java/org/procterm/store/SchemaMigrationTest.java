package org.procterm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.procterm.CommandRun;
import org.procterm.TestServers;
import org.procterm.config.ServerSettings;
import org.procterm.server.ProcTermServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL schema is made by HAPI's migrator, not by Hibernate: a server refuses a database
 * whose schema is missing or older and says to run {@code procterm migrate}; the command makes it,
 * the server then starts and serves, and a second run has nothing to do.
 */
class SchemaMigrationTest {

	private static CommandRun cli(Map<String, String> database, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--db-url", database.get("db.url"), "--db-user", database.get("db.user")));
		return CommandRun.of(all.toArray(String[]::new));
	}

	@Test
	void aNewDatabaseIsRefusedUntilMigratedThenServesAndASecondMigrationHasNothingToDo() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			Map<String, String> database = TestServers.on(postgres);
			ServerSettings settings = TestServers.settings(TestServers.newDataDir(), database);

			IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ProcTermServer.start(settings));
			assertTrue(refused.getMessage().startsWith("The database schema is older than this procterm (")
					&& refused.getMessage().contains("Run 'java -jar procterm.jar migrate'"), refused.getMessage());

			CommandRun first = cli(database, "migrate");
			assertEquals(0, first.exit(), first.err());
			assertTrue(first.out().matches("(?s)Applied \\d+ HAPI FHIR and 4 procterm schema changes to PostgreSQL .*"), first.out());

			try (ProcTermServer server = ProcTermServer.start(settings)) {
				assertTrue(server.report().toString() != null);
				var lookup = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
						java.net.URI.create(server.baseUrl() + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=22210")).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString());
				assertEquals(200, lookup.statusCode(), lookup.body());
			}

			CommandRun again = cli(database, "migrate");
			assertEquals(0, again.exit(), again.err());
			assertTrue(again.out().contains("is current; nothing to do"), again.out());

			// a database whose HAPI tables carry no migration record, as an earlier procterm left it (Hibernate made them)
			try (var c = postgres.getPostgresDatabase().getConnection(); var drop = c.createStatement()) {
				drop.execute("DROP TABLE \"FLY_HFJ_MIGRATION\""); // HAPI names it in capitals, quoted
			}
			IllegalStateException unrecorded = assertThrows(IllegalStateException.class, () -> ProcTermServer.start(settings));
			assertTrue(unrecorded.getMessage().contains("migrate --baseline"), unrecorded.getMessage());
			CommandRun replay = cli(database, "migrate");
			assertEquals(1, replay.exit(), "HAPI's whole history is not replayed over tables it did not make");
			assertTrue(replay.err().contains("migrate --baseline"), replay.err());
			CommandRun baseline = cli(database, "migrate", "--baseline");
			assertEquals(0, baseline.exit(), baseline.err());
			assertTrue(baseline.out().startsWith("Recorded "), baseline.out());
			try (ProcTermServer server = ProcTermServer.start(settings)) {
				assertTrue(server.baseUrl().startsWith("http://"));
			}
		}
	}
}
