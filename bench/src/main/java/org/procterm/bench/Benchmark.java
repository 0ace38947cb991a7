package org.procterm.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Measures procterm on synthetic procedure code systems: for each size, a fresh server, the load
 * (time until the import call returns, then resident memory), and latency and throughput of each
 * operation at 1 and 8 clients. Writes {@code results.json} and {@code results.md}.
 *
 * <pre>java -jar bench/target/procterm-bench.jar [--sizes 10000,100000] [--seconds 10] [--warmup 3]
 *      [--heap 2g] [--jar server/target/procterm.jar] [--out bench/results]</pre>
 */
public final class Benchmark {

	private static final String TOKEN = "bench-admin-token";
	private static final List<String> FILTERS = List.of("lumb", "fusion lumb", "lamin thor", "disc cerv post", "kypho",
			"biop sacr", "decomp nerve", "osteot", "endosc", "1004", "stabil lumbosacral", "arthro facet", "grafting open");

	private final Map<String, String> options;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Benchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("sizes", "10000,100000", "seconds", "10", "warmup", "3",
				"heap", "2g", "jar", "server/target/procterm.jar", "out", "bench/results"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		new Benchmark(options).run();
	}

	private void run() throws Exception {
		List<Map<String, Object>> runs = new ArrayList<>();
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("date", LocalDate.now().toString());
		report.put("machine", machine());
		report.put("options", options);
		report.put("runs", runs);
		for (String s : options.get("sizes").split(",")) {
			runs.add(measure(Integer.parseInt(s.trim())));
			// written after every size, so a size that fails still leaves the ones before it
			new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), report);
			Files.writeString(out.resolve("results.md"), MarkdownReport.render(report));
		}
		System.out.println(Files.readString(out.resolve("results.md")));
	}

	private Map<String, Object> measure(int size) throws Exception {
		Path data = Files.createTempDirectory("procterm-bench-");
		Path codeSystem = data.resolve("codesystem.json.gz");
		try (OutputStream o = Files.newOutputStream(codeSystem)) {
			SyntheticCodeSystem.write(size, o);
		}
		int port = freePort();
		String base = "http://127.0.0.1:" + port + "/fhir";
		ProcessBuilder command = new ProcessBuilder("java", "-Xmx" + options.get("heap"), "-XX:+UseParallelGC", "-jar", options.get("jar"),
				"serve", "--port", String.valueOf(port), "--data", data.resolve("db").toString())
				.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
		command.environment().put("PROCTERM_ADMIN_TOKEN", TOKEN);
		Process server = command.start();
		try {
			waitUntilReady(base, server);
			long rssBefore = rssKiB(server.pid());
			long started = System.nanoTime();
			HttpResponse<String> loaded = http.send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/$import"))
					.header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/gzip")
					.POST(HttpRequest.BodyPublishers.ofFile(codeSystem)).build(), HttpResponse.BodyHandlers.ofString());
			double loadSeconds = (System.nanoTime() - started) / 1e9;
			check(loaded, "import");
			put(base, "ValueSet/bench-all-" + size, SyntheticCodeSystem.valueSetAll(size));
			put(base, "ValueSet/bench-lumbar-" + size, SyntheticCodeSystem.valueSetLumbar(size));
			// the first expansion of each value set is worked out and cached; that is part of loading, not of serving
			long firstExpand = System.nanoTime();
			check(get(base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-all") + "&count=1"), "first expand");
			check(get(base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-lumbar") + "&count=1"), "first expand");
			double firstExpandSeconds = (System.nanoTime() - firstExpand) / 1e9;
			long rssLoaded = rssKiB(server.pid());

			LoadRunner load = new LoadRunner(Duration.ofSeconds(Long.parseLong(options.get("warmup"))),
					Duration.ofSeconds(Long.parseLong(options.get("seconds"))));
			List<LoadRunner.Result> results = new ArrayList<>();
			for (int clients : new int[] {1, 8}) {
				for (var op : operations(base, size).entrySet()) {
					LoadRunner.Result r = load.run(op.getKey(), clients, op.getValue());
					System.out.printf(Locale.ROOT, "%7d %-22s %d clients: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f req/s, %d errors%s%n",
							size, r.operation(), clients, r.p50(), r.p95(), r.p99(), r.perSecond(), r.errors(),
							r.firstError() == null ? "" : " (" + r.firstError() + ")");
					results.add(r);
				}
			}
			Map<String, Object> run = new LinkedHashMap<>();
			run.put("concepts", size);
			run.put("loadSeconds", loadSeconds);
			run.put("firstExpandSeconds", firstExpandSeconds);
			run.put("rssBeforeLoadMiB", rssBefore / 1024);
			run.put("rssAfterLoadMiB", rssLoaded / 1024);
			run.put("rssAfterRunMiB", rssKiB(server.pid()) / 1024);
			run.put("results", results);
			return run;
		} finally {
			server.destroy();
			server.waitFor();
			deleteFolder(data);
		}
	}

	/** The operations measured, each a request per call number so that codes and filters vary deterministically. */
	private static Map<String, IntFunction<URI>> operations(String base, int size) {
		String cs = enc(SyntheticCodeSystem.url(size));
		String all = enc(SyntheticCodeSystem.url(size) + "/vs-all");
		String lumbar = enc(SyntheticCodeSystem.url(size) + "/vs-lumbar");
		Map<String, IntFunction<URI>> ops = new LinkedHashMap<>();
		ops.put("floor (metadata)", n -> URI.create(base + "/metadata?mode=terminology"));
		ops.put("$lookup", n -> URI.create(base + "/CodeSystem/$lookup?system=" + cs + "&code=" + code(n, size)));
		ops.put("CS $validate-code", n -> URI.create(base + "/CodeSystem/$validate-code?url=" + cs + "&code=" + code(n, size)
				+ "&display=" + enc(SyntheticCodeSystem.display(index(n, size)))));
		ops.put("VS $validate-code", n -> URI.create(base + "/ValueSet/$validate-code?url=" + all + "&system=" + cs + "&code=" + code(n, size)));
		ops.put("typeahead $expand", n -> URI.create(base + "/ValueSet/$expand?url=" + all + "&count=20&filter="
				+ enc(FILTERS.get(n % FILTERS.size()))));
		ops.put("paged $expand", n -> URI.create(base + "/ValueSet/$expand?url=" + all + "&count=100&offset="
				+ Math.max(0, index(n, size) - 100)));
		ops.put("property-filter $expand", n -> URI.create(base + "/ValueSet/$expand?url=" + lumbar + "&count=20&offset="
				+ index(n, size) / 4 / 20 * 20 % Math.max(1, size / 4 - 20)));
		return ops;
	}

	private static int index(int n, int size) {
		return (int) Math.floorMod(n * 2654435761L, (long) size);
	}

	private static String code(int n, int size) {
		return SyntheticCodeSystem.code(index(n, size));
	}

	private void put(String base, String path, String json) throws Exception {
		check(http.send(HttpRequest.newBuilder(URI.create(base + "/" + path)).header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString()), "PUT " + path);
	}

	private HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void check(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
		}
	}

	private void waitUntilReady(String base, Process server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped during start-up; see its log");
			}
			try {
				if (get(base + "/metadata").statusCode() == 200) {
					return;
				}
			} catch (IOException e) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the server did not start within 180 s");
	}

	/** Resident set size from /proc (Linux), in KiB; -1 elsewhere. */
	private static long rssKiB(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		} catch (IOException | NumberFormatException e) {
			// not Linux
		}
		return -1;
	}

	private static String machine() {
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
					.findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
		} catch (IOException e) {
			// not Linux
		}
		return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + System.getProperty("java.version");
	}

	private static void deleteFolder(Path folder) throws IOException {
		try (var files = Files.walk(folder)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
