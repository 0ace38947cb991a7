package org.procterm.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.content.fhir.Canonicals;
import org.procterm.server.ProcTermServer;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What a production team watches: health checks a load balancer can act on, Prometheus metrics,
 * a request id on every answer and in the access log. Readiness is tried with the database taken
 * away, on a real PostgreSQL.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class OperationsTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static EmbeddedPostgres postgres;
	private static ProcTermServer server;
	private static String root;
	private static final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

	@BeforeAll
	static void start() throws Exception {
		accessLog.start();
		((Logger) LoggerFactory.getLogger("procterm.access")).addAppender(accessLog);
		postgres = EmbeddedPostgres.builder().start();
		Map<String, String> settings = new java.util.HashMap<>(TestServers.migrated(postgres));
		settings.put("log.access", "true");
		server = ProcTermServer.start(TestServers.settings(TestServers.newDataDir(), settings));
		root = server.baseUrl().replace("/fhir", "");
	}

	@AfterAll
	static void stop() throws Exception {
		((Logger) LoggerFactory.getLogger("procterm.access")).detachAppender(accessLog);
		if (server != null) {
			server.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	private static HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aStartedServerIsLiveAndReady() throws Exception {
		HttpResponse<String> live = get("/health/live");
		assertEquals(200, live.statusCode());
		assertEquals("{\"status\":\"UP\"}", live.body());
		HttpResponse<String> ready = get("/health/ready");
		assertEquals(200, ready.statusCode(), ready.body());
		assertTrue(ready.body().contains("\"engine\":{\"status\":\"UP\"}") && ready.body().contains("\"database\":{\"status\":\"UP\"}"),
				ready.body());
	}

	@Test
	void metricsCountRequestsByOperationAndDescribeTheEngineThePoolAndTheJvm() throws Exception {
		assertEquals(200, get("/fhir/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=22210").statusCode());
		assertEquals(404, get("/fhir/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=00000").statusCode());
		String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\","
				+ "\"url\":\"CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=22210\"}}]}";
		assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(root + "/fhir")).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
		HttpResponse<String> metrics = get("/metrics");
		assertEquals(200, metrics.statusCode());
		assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), metrics.headers().map().toString());
		String body = metrics.body();
		for (String expected : List.of(
				"procterm_requests_seconds_count{operation=\"$lookup\",status=\"2xx\"}",
				"procterm_requests_seconds_count{operation=\"$lookup\",status=\"4xx\"}",
				"procterm_requests_seconds_count{operation=\"batch\",status=\"2xx\"}",
				"procterm_engine_code_systems ", "procterm_engine_concepts ", "procterm_engine_value_sets ",
				"procterm_db_connections_active ", "procterm_db_connections_max ",
				"jvm_memory_used_bytes", "jvm_threads_live_threads")) {
			assertTrue(body.contains(expected), "missing " + expected + " in:\n" + body);
		}
	}

	@Test
	void everyAnswerCarriesARequestIdThatTheAccessLogNames() throws Exception {
		HttpResponse<String> first = get("/fhir/metadata");
		HttpResponse<String> second = get("/fhir/metadata");
		String id = first.headers().firstValue("X-Request-Id").orElseThrow();
		assertNotEquals(id, second.headers().firstValue("X-Request-Id").orElseThrow(), "each request its own id");
		assertEquals("lb-7f3a", get("/", "X-Request-Id", "lb-7f3a").headers().firstValue("X-Request-Id").orElseThrow(),
				"an id from the load balancer is kept");
		assertNotEquals("bad id with space", get("/health/live", "X-Request-Id", "bad id with space").headers().firstValue("X-Request-Id").orElseThrow());
		// a refusal by the guards has one too
		HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/fhir/CodeSystem"))
				.method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(405, refused.statusCode());
		assertTrue(refused.headers().firstValue("X-Request-Id").isPresent());
		List<String> logged = accessLogLines();
		assertTrue(logged.stream().anyMatch(line -> line.startsWith("GET /fhir/metadata 200 ") && line.endsWith("id=" + id)), logged.toString());
	}

	/** The access log so far. Server threads append while the test reads: Logback appends holding the appender's lock, so read under it. */
	private static List<String> accessLogLines() {
		synchronized (accessLog) {
			return accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
	}

	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
	void withoutItsDatabaseTheServerIsLiveButNotReady() throws Exception {
		// last: it takes the database away
		postgres.close();
		HttpResponse<String> ready = get("/health/ready");
		assertEquals(503, ready.statusCode(), ready.body());
		assertTrue(ready.body().contains("\"database\":{\"status\":\"DOWN\",\"message\":\"no connection to the database\"}"), ready.body());
		assertEquals(200, get("/health/live").statusCode());
		postgres = null;
	}
}
