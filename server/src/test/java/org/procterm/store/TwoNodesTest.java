package org.procterm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.content.fhir.Canonicals;
import org.procterm.importing.ReleaseUploads;
import org.procterm.server.ProcTermServer;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two procterm nodes on one real PostgreSQL database, as behind a load balancer: whatever is
 * written on node A (a CodeSystem, a ValueSet, an update, a delete, a CPT import) is answered by
 * node B's engine as well, within a few seconds at most (the target is under one second; the
 * staleness measured here is printed, and the README gives it). A third node started afterwards
 * reads the latest state.
 */
class TwoNodesTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** Generous: a failure here means a change did not reach the other node at all, not that it was slow. */
	private static final Duration PATIENCE = Duration.ofSeconds(15);
	private static final String SYSTEM = "http://example.org/fhir/CodeSystem/two-nodes";

	private static EmbeddedPostgres postgres;
	private static java.util.Map<String, String> database;
	private static ProcTermServer a;
	private static ProcTermServer b;

	@BeforeAll
	static void startTwoNodesOnOneDatabase() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		database = TestServers.migrated(postgres);
		a = ProcTermServer.start(onPostgres());
		b = ProcTermServer.start(onPostgres());
	}

	private static org.procterm.config.ServerSettings onPostgres() throws Exception {
		return TestServers.settings(TestServers.newDataDir(), database);
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable c : new AutoCloseable[] {a, b, postgres}) {
			if (c != null) {
				c.close();
			}
		}
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(ProcTermServer node, String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).GET());
	}

	private static void put(ProcTermServer node, String path, org.hl7.fhir.instance.model.api.IBaseResource resource) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))));
		assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
	}

	/** Asks {@code node} until its answer to {@code path} satisfies {@code answered}; returns how long that took. */
	private static Duration until(ProcTermServer node, String path, Predicate<HttpResponse<String>> answered) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> last = null;
		while (System.nanoTime() - start < PATIENCE.toNanos()) {
			last = get(node, path);
			if (answered.test(last)) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("node did not answer as expected within " + PATIENCE + ": " + path + " -> "
				+ (last == null ? "nothing" : last.statusCode() + " " + last.body()));
	}

	private static CodeSystem codeSystem(String display) {
		CodeSystem cs = new CodeSystem().setUrl(SYSTEM).setVersion("1").setStatus(PublicationStatus.ACTIVE)
				.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.setId("two-nodes");
		cs.addConcept().setCode("a").setDisplay(display);
		cs.addConcept().setCode("b").setDisplay("Bravo");
		return cs;
	}

	private static String lookupA() {
		return "/CodeSystem/$lookup?system=" + SYSTEM + "&code=a";
	}

	// ---- the behaviour ------------------------------------------------------------------------------

	@Test
	void writesUpdatesAndDeletesOnOneNodeAreAnsweredByTheOther() throws Exception {
		put(a, "/CodeSystem/two-nodes", codeSystem("Alpha"));
		until(b, lookupA(), r -> r.statusCode() == 200 && r.body().contains("Alpha"));
		org.hl7.fhir.r4.model.Parameters valid = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Parameters.class,
				get(b, "/CodeSystem/$validate-code?url=" + SYSTEM + "&code=b").body());
		assertEquals("true", valid.getParameterValue("result").primitiveValue());

		ValueSet vs = new ValueSet().setUrl("http://example.org/fhir/ValueSet/two-nodes").setStatus(PublicationStatus.ACTIVE);
		vs.setId("two-nodes");
		vs.getCompose().addInclude().setSystem(SYSTEM);
		put(a, "/ValueSet/two-nodes", vs);
		until(b, "/ValueSet/$expand?url=http://example.org/fhir/ValueSet/two-nodes", r -> r.statusCode() == 200 && r.body().contains("Bravo"));

		put(a, "/CodeSystem/two-nodes", codeSystem("Alpha, revised"));
		until(b, lookupA(), r -> r.body().contains("Alpha, revised"));

		HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/CodeSystem/two-nodes"))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).DELETE());
		assertEquals(200, deleted.statusCode(), deleted.body());
		until(b, lookupA(), r -> r.statusCode() == 404);
	}

	@Test
	void aCptImportOnOneNodeIsAnsweredByTheOther() throws Exception {
		HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/CodeSystem/$import-cpt?version=2026"))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).header("Content-Type", "application/zip")
				.POST(HttpRequest.BodyPublishers.ofByteArray(ReleaseUploads.zip(ReleaseUploads.RELEASES.resolve("2026")))));
		assertEquals(200, imported.statusCode(), imported.body());
		until(b, "/CodeSystem/$lookup?system=" + Canonicals.CPT + "&version=2026&code=63185",
				r -> r.statusCode() == 200 && r.body().contains("Fixture long: cut the back nerve roots"));
	}

	@Test
	void aNodeStartedLaterReadsTheLatestState() throws Exception {
		CodeSystem cs = codeSystem("Charlie");
		cs.setId("late-node");
		cs.setUrl(SYSTEM + "-late");
		put(a, "/CodeSystem/late-node", cs);
		try (ProcTermServer c = ProcTermServer.start(onPostgres())) {
			HttpResponse<String> r = get(c, "/CodeSystem/$lookup?system=" + SYSTEM + "-late&code=a");
			assertEquals(200, r.statusCode(), r.body());
			assertTrue(r.body().contains("Charlie"), r.body());
		}
	}

	/** Not a timing assertion: it measures and prints how stale node B is, for the README. */
	@Test
	void howLongNodeBLagsBehindNodeA() throws Exception {
		List<Long> lags = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String display = "Lag " + i;
			put(a, "/CodeSystem/two-nodes", codeSystem(display));
			lags.add(until(b, lookupA(), r -> r.body().contains("\"" + display + "\"")).toMillis());
		}
		Collections.sort(lags);
		System.out.println("Staleness, commit on A to answer on B (ms, 30 writes): p50 " + lags.get(lags.size() / 2)
				+ ", p99 " + lags.get((int) Math.ceil(lags.size() * 0.99) - 1) + ", max " + lags.get(lags.size() - 1));
	}
}
