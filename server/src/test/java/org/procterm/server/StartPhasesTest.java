package org.procterm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A restart answers terminology operations as soon as the engine is loaded, before HAPI's store has
 * opened; everything else waits for the store, and gets a 503 it can act on if the store takes too
 * long. The store is held open here by a bean of the test's that waits for a latch.
 */
class StartPhasesTest {

	/** Released by the test: until then HAPI's store cannot finish opening. */
	private static volatile CountDownLatch storeMayOpen = new CountDownLatch(0);

	@Configuration
	static class SlowStore {
		@Bean
		public Object heldStoreOpening() throws InterruptedException {
			assertTrue(storeMayOpen.await(2, TimeUnit.MINUTES), "the test released the store");
			return new Object();
		}
	}

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

	private HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Begins a server whose store waits for {@link #storeMayOpen}: it serves what it can; {@code awaitStarted} waits for the rest. */
	private static ProcTermServer beginHeld(Path data, Map<String, String> more) throws Exception {
		storeMayOpen = new CountDownLatch(1);
		return ProcTermServer.begin(TestServers.settings(data, more), SlowStore.class);
	}

	private static CompletableFuture<Void> inBackground(java.util.concurrent.Callable<?> work) {
		return CompletableFuture.runAsync(() -> {
			try {
				work.call();
			} catch (Exception e) {
				throw new java.util.concurrent.CompletionException(e);
			}
		});
	}

	private static String root(ProcTermServer server) {
		return server.baseUrl().substring(0, server.baseUrl().length() - "/fhir".length());
	}

	/** Waits until the server holds {@code count} requests for its store (its metric says so), so that a test acts on requests that arrived. */
	private void awaitWaiting(String base, int count) throws Exception {
		String line = "procterm_start_requests_waiting " + count + ".0";
		long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String metrics = "";
		while (System.nanoTime() < until) {
			metrics = get(base + "/metrics").body();
			if (metrics.lines().anyMatch(line::equals)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the server never held " + count + " requests: "
				+ metrics.lines().filter(l -> l.startsWith("procterm_start_requests_waiting")).toList());
	}

	private static Path installedOnce() throws Exception {
		Path data = TestServers.newDataDir();
		try (ProcTermServer first = TestServers.start(data)) {
			// the first start installs the bundled content, which needs the store
		}
		return data;
	}


	@Test
	void aRestartAnswersTerminologyOperationsWhileReadsWaitForTheStore() throws Exception {
		Path data = installedOnce();
		ProcTermServer server = beginHeld(data, Map.of());
		try {
			String base = root(server);
			assertEquals(200, get(base + "/health/ready").statusCode(), "ready while the store is held");

			HttpResponse<String> lookup = get(base + "/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=22210");
			assertEquals(200, lookup.statusCode(), lookup.body());
			assertTrue(lookup.body().contains("\"display\""), lookup.body());
			HttpResponse<String> validate = get(base + "/fhir/ValueSet/$validate-code?url=http://procterm.org/fhir/ValueSet/spine-procedures"
					+ "&system=http://www.ama-assn.org/go/cpt&code=22210");
			assertEquals(200, validate.statusCode(), validate.body());
			assertTrue(validate.body().contains("\"valueBoolean\":true"), validate.body());

			CompletableFuture<HttpResponse<String>> read = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/fhir/CodeSystem/cpt"))
					.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
			CompletableFuture<HttpResponse<String>> metadata = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/fhir/metadata"))
					.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
			CompletableFuture<Void> started = inBackground(() -> {
				server.awaitStarted();
				return null;
			});
			awaitWaiting(base, 2);
			Thread.sleep(500);
			assertFalse(read.isDone(), "a read waits for the store");
			assertFalse(metadata.isDone(), "the CapabilityStatement waits for the store, which tells what it holds");
			assertFalse(started.isDone(), "the start ends when the store has opened");

			storeMayOpen.countDown();
			started.get(2, TimeUnit.MINUTES);
			assertEquals(200, read.get(2, TimeUnit.MINUTES).statusCode(), read.get().body());
			assertTrue(read.get().body().contains("\"url\":\"http://www.ama-assn.org/go/cpt\""), read.get().body());
			assertEquals(200, metadata.get(2, TimeUnit.MINUTES).statusCode());
			assertTrue(metadata.get().body().contains("\"PlanDefinition\""), "HAPI's providers were added: " + metadata.get().body());
			assertEquals(200, get(base + "/fhir/PlanDefinition?_count=1").statusCode());
			awaitWaiting(base, 0);
		} finally {
			storeMayOpen.countDown();
			server.close();
		}
	}

	@Test
	void aRequestThatWaitsLongerThanTheStartWaitGetsA503ThatSaysWhatIsAnsweredAlready() throws Exception {
		Path data = installedOnce();
		ProcTermServer server = beginHeld(data, Map.of("limits.start-wait-ms", "1500"));
		try {
			String base = root(server);
			HttpResponse<String> read = get(base + "/fhir/ValueSet/spine-procedures");
			assertEquals(503, read.statusCode(), read.body());
			assertEquals("5", read.headers().firstValue("Retry-After").orElse(null));
			assertTrue(read.body().contains("\"resourceType\":\"OperationOutcome\"") && read.body().contains("Retry this request")
					&& read.body().contains("Already answered: $lookup, $validate-code"), read.body());
			HttpResponse<String> instance = get(base + "/fhir/ValueSet/spine-procedures/$expand");
			assertEquals(503, instance.statusCode(), "an operation on a stored instance reads it from the store: " + instance.body());
			assertEquals("5", instance.headers().firstValue("Retry-After").orElse(null));
			assertEquals(200, get(base + "/fhir/ValueSet/$expand?url=http://procterm.org/fhir/ValueSet/spine-procedures").statusCode());
		} finally {
			storeMayOpen.countDown();
			server.close();
		}
	}

	@Test
	void aServerStoppedWhileItsStoreOpensTurnsNotReadyAndStops() throws Exception {
		Path data = installedOnce();
		ProcTermServer server = beginHeld(data, Map.of());
		String base = root(server);
		CompletableFuture<Void> started = inBackground(() -> {
			server.awaitStarted();
			return null;
		});
		CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/fhir/CodeSystem/cpt"))
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		awaitWaiting(base, 1); // the stop must find the request held, not still connecting
		assertFalse(held.isDone(), "a read waits for the store");
		CompletableFuture<Void> stopped = inBackground(() -> {
			server.close();
			return null;
		});
		try {
			HttpResponse<String> answer = held.get(10, TimeUnit.SECONDS); // at once, not when the stop's 30 s for requests in flight run out
			assertEquals(503, answer.statusCode(), answer.body());
			assertTrue(answer.body().contains("procterm is stopping"), answer.body());
			long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			boolean notReady = false;
			while (!notReady && System.nanoTime() < until) {
				try {
					notReady = get(base + "/health/ready").statusCode() != 200;
				} catch (java.io.IOException refused) {
					notReady = true; // the port is closed already
				}
			}
			assertTrue(notReady, "a stop turns the server not-ready at once, while its store is still opening");
		} finally {
			storeMayOpen.countDown();
		}
		stopped.get(2, TimeUnit.MINUTES);
		java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
				() -> started.get(2, TimeUnit.MINUTES), "the start does not complete once the server is stopped");
		assertTrue(String.valueOf(failed.getCause()).contains("stopped before the start had finished"), String.valueOf(failed.getCause()));
		org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> get(base + "/health/live"), "the port is closed");
	}
}
