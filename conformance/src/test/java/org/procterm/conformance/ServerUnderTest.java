package org.procterm.conformance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server the cases run against: the one named by {@code -Dtx.server=URL}, or else procterm as a
 * user starts it ({@code serve} on the embedded default database), in a JVM of its own built from
 * the server module's classes and runtime classpath. A JVM of its own because HL7's runner brings
 * other versions of the org.hl7.fhir libraries than the HAPI release the server is built on.
 */
final class ServerUnderTest implements AutoCloseable {

	private static final Path SERVER_MODULE = Path.of("..", "server", "target");

	private final String base;
	private final Process process;

	private ServerUnderTest(String base, Process process) {
		this.base = base;
		this.process = process;
	}

	/** The FHIR base URL, e.g. {@code http://127.0.0.1:41234/fhir}. */
	String base() {
		return base;
	}

	/** True when the cases run against procterm started here, so the known-failures list applies. */
	boolean isProcterm() {
		return process != null;
	}

	static ServerUnderTest start(Path work) throws IOException, InterruptedException {
		String other = System.getProperty("tx.server", "").strip();
		if (!other.isEmpty()) {
			return new ServerUnderTest(other.replaceAll("/+$", ""), null);
		}
		Path classes = SERVER_MODULE.resolve("classes");
		Path classpath = SERVER_MODULE.resolve("runtime-classpath.txt");
		if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
			throw new IllegalStateException("The server is not built: run 'mvn -q -DskipTests install' from the project root first"
					+ " (or pass -Dtx.server=URL to test another server)");
		}
		int port = freePort();
		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String cp = classes.toAbsolutePath() + java.io.File.pathSeparator + Files.readString(classpath).strip();
		Path data = Files.createDirectories(work.resolve("data"));
		Process p = new ProcessBuilder(List.of(javaBin, "-Xmx768m", "-XX:+UseSerialGC", "-cp", cp, "org.procterm.cli.ProcTermCommand",
				"serve", "--port", Integer.toString(port), "--data", data.toAbsolutePath().toString()))
				.redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
		ServerUnderTest server = new ServerUnderTest("http://127.0.0.1:" + port + "/fhir", p);
		try {
			server.awaitReady(port);
		} catch (IOException | InterruptedException | RuntimeException e) {
			server.close();
			throw e;
		}
		return server;
	}

	private void awaitReady(int port) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("procterm exited with " + process.exitValue() + " before it was ready (see target/tx-ecosystem/server.log)");
			}
			try {
				if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("procterm was not ready within 3 minutes (see target/tx-ecosystem/server.log)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}
}
