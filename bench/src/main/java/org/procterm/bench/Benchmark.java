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
 * Measures procterm, and stock HAPI FHIR JPA beside it, on synthetic procedure code systems. For
 * each size and server: a fresh server, the load (time until every operation answers, then
 * resident memory), and latency and throughput of each operation at 1 and 8 clients. Writes
 * {@code results.json} and {@code results.md}.
 *
 * <pre>java -jar bench/target/procterm-bench.jar [--sizes 10000,100000,1000000] [--targets procterm,stock-hapi]
 *      [--stock-sizes 10000,100000] [--stock-wait 1200] [--seconds 10] [--warmup 3] [--heap 1536m] [--stock-heap 4g]
 *      [--jar server/target/procterm.jar] [--bench-jar bench/target/procterm-bench.jar] [--out bench/results]
 *      [--operations all|typeahead,paged,...]</pre>
 * {@code --operations} keeps the operations whose names contain one of the words given, e.g. to profile one of them.
 */
public final class Benchmark {

	private static final String TOKEN = "bench-admin-token";
	static final String PROCTERM = "procterm";
	static final String STOCK = "stock-hapi";
	private static final List<String> FILTERS = List.of("lumb", "fusion lumb", "lamin thor", "disc cerv post", "kypho",
			"biop sacr", "decomp nerve", "osteot", "endosc", "1004", "stabil lumbosacral", "arthro facet", "grafting open");

	private final Map<String, String> options;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Benchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("--render")) {
			// the Markdown again from a results.json, e.g. after a change to the report's layout
			Path json = Path.of(args[1]);
			Files.writeString(json.resolveSibling("results.md"), MarkdownReport.render(MarkdownReport.read(json)));
			return;
		}
		Map<String, String> options = new LinkedHashMap<>();
		String[] defaults = {"sizes", "10000,100000,1000000", "targets", PROCTERM + "," + STOCK, "stock-sizes", "10000,100000",
				"stock-wait", "1200", "seconds", "10", "warmup", "3", "heap", "1536m", "stock-heap", "4g",
				"jar", "server/target/procterm.jar", "bench-jar", "bench/target/procterm-bench.jar", "out", "bench/results",
				"operations", "all"};
		for (int i = 0; i < defaults.length; i += 2) {
			options.put(defaults[i], defaults[i + 1]);
		}
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i].replaceFirst("^--", "");
			if (!options.containsKey(name) || i + 1 >= args.length) {
				System.err.println("Unknown option or missing value: " + args[i] + ". The options are --" + String.join(", --", options.keySet())
						+ " (each with a value), or --render results.json.");
				System.exit(2);
			}
			options.put(name, args[i + 1]);
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
		List<String> targets = List.of(options.get("targets").split(","));
		List<String> stockSizes = List.of(options.get("stock-sizes").split(","));
		for (String s : options.get("sizes").split(",")) {
			int size = Integer.parseInt(s.trim());
			for (String target : targets) {
				if (target.equals(STOCK) && !stockSizes.contains(s.trim())) {
					continue;
				}
				runs.add(measure(target.trim(), size));
				// written after every run, so a run that fails still leaves the ones before it
				new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), report);
				Files.writeString(out.resolve("results.md"), MarkdownReport.render(report));
			}
		}
		System.out.println(Files.readString(out.resolve("results.md")));
	}

	private Map<String, Object> measure(String target, int size) throws Exception {
		Path data = Files.createTempDirectory("procterm-bench-");
		Path codeSystem = data.resolve("codesystem.json.gz");
		try (OutputStream o = Files.newOutputStream(codeSystem)) {
			SyntheticCodeSystem.write(size, o);
		}
		int port = freePort();
		String base = "http://127.0.0.1:" + port + "/fhir";
		Process server = start(target, port, data);
		try {
			waitUntilReady(base, server);
			Map<String, Object> run = new LinkedHashMap<>();
			run.put("target", target);
			run.put("concepts", size);
			run.put("rssBeforeLoadMiB", rssKiB(server.pid()) / 1024);
			boolean ready = target.equals(STOCK) ? loadStock(base, codeSystem, size, run) : loadProcterm(base, codeSystem, size, run);
			run.put("rssAfterLoadMiB", rssKiB(server.pid()) / 1024);
			List<LoadRunner.Result> results = new ArrayList<>();
			if (ready) {
				run.put("typeaheadAnswers", typeaheadAnswers(base, size));
				LoadRunner load = new LoadRunner(Duration.ofSeconds(Long.parseLong(options.get("warmup"))),
						Duration.ofSeconds(Long.parseLong(options.get("seconds"))));
				for (int clients : new int[] {1, 8}) {
					for (var op : selected(operations(target, base, size)).entrySet()) {
						LoadRunner.Result r = load.run(op.getKey(), clients, op.getValue());
						System.out.printf(Locale.ROOT, "%-8s %7d %-24s %d clients: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f req/s, %d errors%s%n",
								target, size, r.operation(), clients, r.p50(), r.p95(), r.p99(), r.perSecond(), r.errors(),
								r.firstError() == null ? "" : " (" + r.firstError() + ")");
						results.add(r);
					}
				}
			}
			run.put("rssAfterRunMiB", rssKiB(server.pid()) / 1024);
			run.put("results", results);
			if (ready && target.equals(PROCTERM)) {
				// a restart on the same data, as after an upgrade or a crash: from the start command to /health/ready
				server.destroy();
				server.waitFor();
				run.put("loadAverageAtRestart", loadAverage());
				long restarted = System.nanoTime();
				server = start(target, port, data);
				waitFor(base.replace("/fhir", "/health/ready"), server);
				run.put("restartToReadySeconds", (System.nanoTime() - restarted) / 1e9);
			}
			return run;
		} finally {
			server.destroy();
			server.waitFor();
			deleteFolder(data);
		}
	}

	private Process start(String target, int port, Path data) throws IOException {
		// stock HAPI gets the larger heap, so that it is measured at its pace, not at its garbage collector's
		String heap = options.get(target.equals(STOCK) ? "stock-heap" : "heap");
		List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-XX:+UseParallelGC"));
		if (target.equals(STOCK)) {
			command.addAll(List.of("-cp", options.get("bench-jar"), "org.procterm.bench.stock.StockHapiServer", String.valueOf(port),
					data.resolve("stock").toString()));
		} else if (target.equals(PROCTERM)) {
			command.addAll(List.of("-jar", options.get("jar"), "serve", "--port", String.valueOf(port), "--data", data.resolve("db").toString()));
		} else {
			throw new IllegalArgumentException("unknown target " + target + "; the targets are " + PROCTERM + " and " + STOCK);
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
		builder.environment().put("PROCTERM_ADMIN_TOKEN", TOKEN);
		return builder.start();
	}

	/** procterm: the time the import call takes (every operation answers once it returns), then the first expansions. */
	private boolean loadProcterm(String base, Path codeSystem, int size, Map<String, Object> run) throws Exception {
		long started = System.nanoTime();
		check(http.send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/$import"))
				.header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/gzip")
				.POST(HttpRequest.BodyPublishers.ofFile(codeSystem)).build(), HttpResponse.BodyHandlers.ofString()), "import");
		run.put("loadSeconds", (System.nanoTime() - started) / 1e9);
		putValueSets(base, size);
		// the first expansion of each value set is worked out and cached; that is part of loading, not of serving
		long firstExpand = System.nanoTime();
		check(get(base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-all") + "&count=1"), "first expand");
		check(get(base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-lumbar") + "&count=1"), "first expand");
		run.put("firstExpandSeconds", (System.nanoTime() - firstExpand) / 1e9);
		return true;
	}

	/**
	 * Stock HAPI: the CodeSystem is stored with a plain PUT, and HAPI writes its concepts to its
	 * terminology tables in the background. Loaded means {@code $lookup} of the last code answers.
	 * Value sets answer typeahead once HAPI's scheduled job has pre-expanded them. Both waits share
	 * the {@code stock-wait} budget; a run that does not get there is reported so, with no timings.
	 */
	private boolean loadStock(String base, Path codeSystem, int size, Map<String, Object> run) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(options.get("stock-wait"))).toNanos();
		long started = System.nanoTime();
		check(http.send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/bench-procedures-" + size))
				.header("Content-Type", "application/fhir+json").header("Content-Encoding", "gzip")
				.PUT(HttpRequest.BodyPublishers.ofFile(codeSystem)).timeout(Duration.ofHours(1)).build(),
				HttpResponse.BodyHandlers.ofString()), "PUT CodeSystem");
		run.put("storeCallSeconds", (System.nanoTime() - started) / 1e9);
		// HAPI writes concepts in file order, so the last codes answer last. It caches a miss, so each poll
		// asks for a code it has not been asked for before. It cannot return integer properties (HAPI-0905),
		// so the poll names the one property it wants.
		IntFunction<String> nearTheEnd = attempt -> base + "/CodeSystem/$lookup?system=" + enc(SyntheticCodeSystem.url(size))
				+ "&code=" + SyntheticCodeSystem.code(size - 1 - attempt) + "&property=bodyRegion";
		if (!waitFor(nearTheEnd, deadline)) {
			run.put("notReady", "$lookup of the last code did not answer within " + options.get("stock-wait") + " s");
			return false;
		}
		run.put("loadSeconds", (System.nanoTime() - started) / 1e9);
		putValueSets(base, size);
		long firstExpand = System.nanoTime();
		boolean expands = waitFor(attempt -> base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-all")
				+ "&count=20&filter=lumb", deadline)
				&& waitFor(attempt -> base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-lumbar") + "&count=20", deadline);
		if (expands) {
			run.put("firstExpandSeconds", (System.nanoTime() - firstExpand) / 1e9);
		} else {
			run.put("notReady", "the value sets did not expand within " + options.get("stock-wait") + " s of the start of the load;"
					+ " the operations were measured anyway");
		}
		return true;
	}

	/**
	 * What each server answers to each typeahead filter: the total and the first codes. Speed means
	 * little if the answers differ, so the report puts them side by side.
	 */
	private Map<String, Object> typeaheadAnswers(String base, int size) throws Exception {
		Map<String, Object> answers = new LinkedHashMap<>();
		for (String filter : FILTERS) {
			HttpResponse<String> r = get(base + "/ValueSet/$expand?url=" + enc(SyntheticCodeSystem.url(size) + "/vs-all")
					+ "&count=3&filter=" + enc(filter));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", r.statusCode());
			if (r.statusCode() == 200) {
				var expansion = new ObjectMapper().readTree(r.body()).path("expansion");
				answer.put("total", expansion.path("total").asInt(-1));
				List<String> first = new ArrayList<>();
				expansion.path("contains").forEach(c -> first.add(c.path("code").asText() + " " + c.path("display").asText()));
				answer.put("first", first);
				answer.put("returned", first.size());
			}
			answers.put(filter, answer);
		}
		return answers;
	}

	/** Polls every second, {@code url} given the attempt number, until it answers 200 or the deadline passes. */
	private boolean waitFor(IntFunction<String> url, long deadline) throws Exception {
		for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
			if (get(url.apply(attempt)).statusCode() == 200) {
				return true;
			}
			Thread.sleep(1000);
		}
		return false;
	}

	private void putValueSets(String base, int size) throws Exception {
		put(base, "ValueSet/bench-all-" + size, SyntheticCodeSystem.valueSetAll(size));
		put(base, "ValueSet/bench-lumbar-" + size, SyntheticCodeSystem.valueSetLumbar(size));
	}

	/**
	 * The operations measured, each a request per call number so that codes and filters vary
	 * deterministically. The floor is each server's lightest request: procterm's TerminologyCapabilities,
	 * worked out in memory; stock HAPI builds its CapabilityStatement afresh (about 100 ms), so its
	 * floor is the read of a small stored resource.
	 */
	private static Map<String, IntFunction<URI>> operations(String target, String base, int size) {
		String cs = enc(SyntheticCodeSystem.url(size));
		String all = enc(SyntheticCodeSystem.url(size) + "/vs-all");
		String lumbar = enc(SyntheticCodeSystem.url(size) + "/vs-lumbar");
		Map<String, IntFunction<URI>> ops = new LinkedHashMap<>();
		ops.put("floor", target.equals(STOCK) ? n -> URI.create(base + "/ValueSet/bench-lumbar-" + size)
				: n -> URI.create(base + "/metadata?mode=terminology"));
		ops.put("$lookup", n -> URI.create(base + "/CodeSystem/$lookup?system=" + cs + "&code=" + code(n, size)));
		// stock HAPI answers a plain $lookup of these concepts with HTTP 500 (it cannot return integer properties)
		ops.put("$lookup property=bodyRegion", n -> URI.create(base + "/CodeSystem/$lookup?system=" + cs + "&code=" + code(n, size)
				+ "&property=bodyRegion"));
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

	private Map<String, IntFunction<URI>> selected(Map<String, IntFunction<URI>> all) {
		List<String> wanted = List.of(options.get("operations").split(","));
		if (wanted.contains("all")) {
			return all;
		}
		Map<String, IntFunction<URI>> kept = new LinkedHashMap<>(all);
		kept.keySet().removeIf(name -> wanted.stream().noneMatch(name::contains));
		return kept;
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
		waitFor(base + "/metadata", server);
	}

	/** The one-minute load average, as /proc/loadavg gives it (-1 where there is none). */
	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		} catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	/** Waits until {@code url} answers 200, for at most 180 s. */
	private void waitFor(String url, Process server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server stopped during start-up; see its log");
			}
			try {
				if (get(url).statusCode() == 200) {
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
