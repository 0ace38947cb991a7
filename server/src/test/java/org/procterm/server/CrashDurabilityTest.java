package org.procterm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.cli.ProcTermCommand;

/**
 * An answer of 200 means the write is on disk: a child server JVM is killed (SIGKILL, as kill -9)
 * the moment the client has read the answer to a PUT or a $import, then started again on the same
 * data, which must serve what it acknowledged. Repeated, alternating the two kinds of write.
 */
class CrashDurabilityTest {

	private static final int WRITES = 6;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyAcknowledgedPutAndImportSurvivesAKillRightAfterTheAnswer() throws Exception {
		Path data = TestServers.newDataDir();
		List<String> lost = new ArrayList<>();
		String expected = null;
		for (int i = 1; i <= WRITES + 1; i++) {
			int port = freePort();
			Process server = start(data, port);
			try {
				String base = "http://127.0.0.1:" + port + "/fhir";
				awaitReady(base, server);
				if (expected != null) {
					String served = get(base + "/CodeSystem/$lookup?system=http://example.org/durable&code=" + expected);
					if (!served.contains("\"" + expected + "\"")) {
						lost.add("write " + (i - 1) + " (" + expected + ")");
					}
				}
				if (i > WRITES) {
					break;
				}
				expected = "c" + i;
				String body = codeSystem(i, expected);
				HttpResponse<String> answer = i % 2 == 0
						? send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/$import")).POST(HttpRequest.BodyPublishers.ofString(body)))
						: send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/durable")).PUT(HttpRequest.BodyPublishers.ofString(body)));
				server.destroyForcibly(); // SIGKILL the moment the answer is in
				assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201, answer.statusCode() + " " + answer.body());
			} finally {
				server.destroyForcibly();
				server.waitFor();
			}
		}
		assertEquals(List.of(), lost, "acknowledged writes lost to a kill");
	}

	private static String codeSystem(int version, String code) {
		return """
				{"resourceType":"CodeSystem","id":"durable","url":"http://example.org/durable","version":"%d","status":"active",
				 "content":"complete","concept":[{"code":"%s","display":"Written in round %d"}]}""".formatted(version, code, version);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private static Process start(Path data, int port) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx768m",
				ProcTermCommand.class.getName(), "serve", "--port", Integer.toString(port), "--data", data.toString());
		pb.environment().put("PROCTERM_ADMIN_TOKEN", TestServers.ADMIN_TOKEN);
		pb.environment().put("PROCTERM_SCHEDULING_ENABLED", "false");
		return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
	}

	private void awaitReady(String base, Process server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server exited with " + server.exitValue() + " before it was ready");
			}
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(base + "/metadata")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the server was not ready within 180 s");
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}
}
