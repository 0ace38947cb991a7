package org.procterm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.server.ProcTermServer;

import ca.uhn.fhir.context.FhirContext;

/**
 * A seeded corpus of malformed and hostile requests (the same every run) sent to a real server:
 * wrong methods, broken and oversized bodies, odd headers and encodings, garbage parameters, with
 * and without the admin token. Not one may answer 5xx, every error must be an OperationOutcome, no
 * answer may carry a class name, SQL, stack frame or file path, and the server must answer afterwards.
 */
class MalformedRequestFuzzTest {

	private static final long SEED = 20261201L;
	private static final int RANDOM_REQUESTS = 1200;
	private static final Pattern LEAK = Pattern.compile(
			"java\\.|javax\\.|jakarta\\.|org\\.hibernate|org\\.springframework|org\\.h2|ca\\.uhn\\.fhir\\.|org\\.eclipse|Exception|\\tat |"
					+ "(?i:select .* from|insert into|sql)|/tmp/|procterm-test-");

	private static ProcTermServer server;
	private static Path data;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	private final FhirContext fhir = FhirContext.forR4Cached();

	@BeforeAll
	static void start() throws Exception {
		data = TestServers.newDataDir();
		server = TestServers.start(data);
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	private record Probe(String method, String path, List<String[]> headers, byte[] body) {
		@Override
		public String toString() {
			return method + " " + (path.length() > 150 ? path.substring(0, 150) + "…" : path) + " " + headers.stream().map(h -> h[0] + ": "
					+ (h[1].length() > 40 ? h[1].substring(0, 40) + "…" : h[1])).toList() + (body == null ? "" : " body " + body.length + " bytes: "
					+ new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	@Test
	void aThousandMalformedRequestsGetCleanClientErrorsAndTheServerStaysUp() throws Exception {
		List<Probe> corpus = new ArrayList<>(fixed());
		Random random = new Random(SEED);
		for (int i = 0; i < RANDOM_REQUESTS; i++) {
			corpus.add(randomProbe(random));
		}
		assertTrue(corpus.size() >= 1000, "the corpus holds " + corpus.size());
		List<String> failures = new ArrayList<>();
		int errors = 0;
		for (Probe p : corpus) {
			Answer r;
			try {
				r = send(p);
			} catch (java.io.IOException e) {
				failures.add(p + " -> no answer: " + e.getMessage());
				continue;
			}
			String body = r.body();
			if (r.statusCode() >= 500) {
				failures.add(p + " -> " + r.statusCode() + " " + clip(body));
			}
			if (LEAK.matcher(body).find()) {
				failures.add(p + " -> leaks internals: " + clip(body));
			}
			if (r.statusCode() >= 400) {
				errors++;
				if (!p.method().equals("HEAD") && !isOperationOutcome(r)) {
					failures.add(p + " -> " + r.statusCode() + " without an OperationOutcome: " + clip(body));
				}
			}
		}
		System.out.printf(Locale.ROOT, "fuzz: %d requests, %d answered with a 4xx OperationOutcome, %d problems%n", corpus.size(), errors,
				failures.size());
		assertEquals(List.of(), failures.stream().limit(40).toList());
		// the corpus deletes with the admin token too, so the content may be gone: the server must still answer
		HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata?mode=terminology")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, after.statusCode(), "the server still answers");
	}

	private boolean isOperationOutcome(Answer r) {
		try {
			String type = r.headers().getOrDefault("content-type", "");
			var parser = type.contains("xml") ? fhir.newXmlParser() : fhir.newJsonParser();
			return parser.parseResource(r.body()) instanceof OperationOutcome;
		} catch (RuntimeException e) {
			return false;
		}
	}

	/** What came back: status, headers (lower-case names) and the body, de-chunked. */
	private record Answer(int statusCode, java.util.Map<String, String> headers, String body) {}

	/**
	 * Sends the probe over a plain socket, byte for byte as written: Java's HTTP client refuses to
	 * send malformed URLs (a stray %), and those are exactly what this test must send.
	 */
	private static Answer send(Probe p) throws java.io.IOException {
		URI base = URI.create(server.baseUrl());
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(60_000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			StringBuilder head = new StringBuilder(p.method()).append(' ').append(p.path()).append(" HTTP/1.1\r\n")
					.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\nConnection: close\r\n");
			for (String[] h : p.headers()) {
				head.append(h[0]).append(": ").append(h[1]).append("\r\n");
			}
			if (p.body() != null) {
				head.append("Content-Length: ").append(p.body().length).append("\r\n");
			}
			request.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
			if (p.body() != null) {
				request.write(p.body());
			}
			try {
				socket.getOutputStream().write(request.toByteArray());
				socket.getOutputStream().flush();
			} catch (java.io.IOException answeredEarly) {
				// a server may answer (413, say) and close before a large body is sent: the answer is what counts
			}
			byte[] raw = socket.getInputStream().readAllBytes();
			return parse(raw, p.method().equals("HEAD"));
		}
	}

	private static Answer parse(byte[] raw, boolean head) throws java.io.IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new java.io.IOException("no complete answer (" + raw.length + " bytes)");
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		java.util.Map<String, String> headers = new java.util.HashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if (!head && "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
			body = dechunk(body);
		}
		if (!head && "gzip".equalsIgnoreCase(headers.getOrDefault("content-encoding", "")) && body.length > 0) {
			// what the client reads: scanning compressed bytes for leaks matches noise that changes with every answer
			try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
				body = in.readAllBytes();
			}
		}
		return new Answer(status, headers, new String(head ? new byte[0] : body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = at;
			while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
				lineEnd++;
			}
			int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static String root() {
		return server.baseUrl().substring(0, server.baseUrl().length() - "/fhir".length());
	}

	private static String clip(String s) {
		return s.length() > 300 ? s.substring(0, 300) + "…" : s;
	}

	// ---- the corpus ----

	private static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final String[] JSON = {"Content-Type", "application/fhir+json"};
	private static final String[] TOKEN = {"Authorization", "Bearer " + TestServers.ADMIN_TOKEN};

	/** The defects a hostile-input campaign found, each as it was sent. */
	private static List<Probe> fixed() throws Exception {
		List<Probe> p = new ArrayList<>();
		p.add(post("/fhir/CodeSystem/$lookup", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"x\",\"valueDecimal\":1e999999999}]}"));
		p.add(post("/fhir/ValueSet/$expand", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"count\",\"valueInteger\":99999999999999999999}]}"));
		p.add(new Probe("POST", "/fhir/CodeSystem/$lookup", List.of(JSON, new String[] {"Content-Encoding", "gzip"}), gzip(
				("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + "a".repeat(3 << 20) + "\"}]}")
						.getBytes(StandardCharsets.UTF_8))));
		p.add(get("/fhir/CodeSystem/$diff"));
		p.add(new Probe("GET", "/fhir/CodeSystem/$lookup?system=" + CPT + "&code=63185", List.<String[]>of(new String[] {"Accept-Language", ";;;;"}), null));
		p.add(get("/fhir/CodeSystem/$meta"));
		p.add(get("/fhir/CodeSystem?_offset=-1"));
		p.add(get("/fhir/CodeSystem?_offset=2147483647"));
		p.add(new Probe("POST", "/fhir/CodeSystem/$lookup", List.<String[]>of(new String[] {"Content-Type", "application/fhir+json; charset=bogus"}),
				"{}".getBytes(StandardCharsets.UTF_8)));
		p.add(new Probe("PUT", "/fhir/CodeSystem/longurl", List.of(JSON, TOKEN), codeSystem("longurl", "http://x.org/" + "a".repeat(600), "1",
				"[{\"code\":\"a\"}]")));
		p.add(new Probe("PUT", "/fhir/CodeSystem/longver", List.of(JSON, TOKEN), codeSystem("longver", "http://x.org/lv", "v".repeat(200),
				"[{\"code\":\"a\"}]")));
		p.add(new Probe("PUT", "/fhir/CodeSystem/emptycode", List.of(JSON, TOKEN), codeSystem("emptycode", "http://x.org/e", "1", "[{\"code\":\"\"}]")));
		p.add(new Probe("PUT", "/fhir/CodeSystem/dup", List.of(JSON, TOKEN), codeSystem("dup", "http://x.org/d", "1", "[{\"code\":\"a\"},{\"code\":\"a\"}]")));
		p.add(new Probe("PUT", "/fhir/CodeSystem/cycle", List.of(JSON, TOKEN), codeSystem("cycle", "http://x.org/c", "1",
				"[{\"code\":\"a\",\"property\":[{\"code\":\"parent\",\"valueCode\":\"a\"}]}]")));
		p.add(new Probe("PUT", "/fhir/CodeSystem/a%2Fb", List.of(JSON, TOKEN), "{}".getBytes(StandardCharsets.UTF_8)));
		p.add(new Probe("PATCH", "/fhir/CodeSystem/cpt", List.<String[]>of(new String[] {"Content-Type", "application/xml-patch+xml"}, TOKEN),
				"<diff><replace sel=\"/CodeSystem/nothing/@value\">x</replace></diff>".getBytes(StandardCharsets.UTF_8)));
		p.add(new Probe("POST", "/fhir/CodeSystem/$import-cpt?version=2026", List.<String[]>of(new String[] {"Content-Type", "application/zip"}, TOKEN),
				new byte[] {'P', 'K', 3, 4, 0, 0}));
		p.add(new Probe("POST", "/fhir/$import-package", List.<String[]>of(new String[] {"Content-Type", "application/gzip"}, TOKEN),
				new byte[] {31, -117, 8, 0}));
		p.add(new Probe("TRACE", "/fhir/metadata", List.of(), null));
		p.add(new Probe("PROPFIND", "/fhir/metadata", List.of(), null));
		p.add(get("/"));
		p.add(get("/fhir/metadata?x=" + "a".repeat(70_000)));
		p.add(new Probe("GET", "/fhir/metadata", List.<String[]>of(new String[] {"X-Big", "a".repeat(70_000)}), null));
		p.add(post("/fhir/ValueSet/$expand", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"valueSet\",\"resource\":{\"resourceType\":"
				+ "\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\"" + CPT + "\",\"filter\":[{\"property\":\"display\","
				+ "\"op\":\"regex\",\"value\":\"" + ".*".repeat(500) + "\"}]}]}}}]}"));
		p.add(post("/fhir/ValueSet/$expand", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"valueSet\",\"resource\":{\"resourceType\":"
				+ "\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\"" + CPT + "\",\"filter\":[{\"property\":\"display\","
				+ "\"op\":\"regex\",\"value\":\"" + "(".repeat(5000) + ")".repeat(5000) + "\"}]}]}}}]}"));
		p.add(post("/fhir/CodeSystem/$lookup", "[".repeat(5000) + "]".repeat(5000)));
		p.add(new Probe("POST", "/fhir/CodeSystem", List.<String[]>of(new String[] {"Content-Type", "application/fhir+xml"}, TOKEN),
				("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CodeSystem xmlns=\"http://hl7.org/fhir\">"
						+ "<url value=\"&e;\"/></CodeSystem>").getBytes(StandardCharsets.UTF_8)));
		p.add(post("/fhir/CodeSystem/$lookup", "{'resourceType':'Parameters','parameter':[{'name':'x','valueDecimal':1e999999999}]}"));
		p.add(post("/fhir/CodeSystem/$lookup", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\""
				+ "1".repeat(400_000) + "x\"}]}"));
		p.add(new Probe("POST", "/fhir/CodeSystem/$lookup", List.<String[]>of(new String[] {"Content-Type", "multipart/form-data; boundary=x"},
				new String[] {"Content-Encoding", "gzip"}), gzip(("--x\r\n\r\n" + "a".repeat(3 << 20)).getBytes(StandardCharsets.UTF_8))));
		p.add(new Probe("POST", "/fhir/CodeSystem/$lookup", List.<String[]>of(new String[] {"Content-Type", "application/fhir+json; charset=IBM037"}),
				"{}".getBytes(StandardCharsets.UTF_8)));
		p.add(new Probe("POST", "/fhir/CodeSystem", List.<String[]>of(JSON), ("{\"resourceType\":\"CodeSystem\",\"description\":\""
				+ "a".repeat(5 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
		p.add(new Probe("POST", "/search", List.<String[]>of(JSON), "{}".getBytes(StandardCharsets.UTF_8)));
		return p;
	}

	private static final String[] PATHS = {"/fhir/CodeSystem/$lookup", "/fhir/CodeSystem/$validate-code", "/fhir/CodeSystem/$subsumes",
			"/fhir/ValueSet/$expand", "/fhir/ValueSet/$validate-code", "/fhir/CodeSystem/$diff", "/fhir/metadata", "/fhir/CodeSystem",
			"/fhir/ValueSet", "/fhir/CodeSystem/cpt", "/fhir/ValueSet/spine-procedures/$expand", "/fhir/Library/$patient-section",
			"/fhir/PlanDefinition", "/fhir/CodeSystem/$import", "/fhir/", "/fhir/Library/cpt-63185-patient-information", "/fhir/_history",
			"/fhir/CodeSystem/cpt/_history/1", "/fhir/ValueSet/spine-procedures", "/fhir/$meta", "/fhir/CodeSystem/$validate-code-set"};
	private static final String[] NAMES = {"system", "code", "url", "version", "display", "filter", "count", "offset", "_count", "_offset",
			"displayLanguage", "date", "codeA", "codeB", "property", "_format", "_summary", "_elements", "_sort", "section", "language",
			"excludeNested", "activeOnly", "includeDesignations", "_id", "_lastUpdated", "topic", "context", "abstract", "from", "to"};
	private static final String[] VALUES = {"", "-1", "0", "2147483648", "99999999999999999999", "1e999999999", "-0", "NaN", "true",
			"maybe", "63185", CPT, "http://example.org/%00", "' OR 1=1 --", "<script>alert(1)</script>", "../../../../etc/passwd",
			"${jndi:ldap://127.0.0.1/a}", "%zz", "%", "%C3%28", "\u00e9\u00e8", "\ud83d\ude00", "a".repeat(3000), "ge2026", "2026-13-45",
			"de;q=abc", "*;q=0", ",,,", "is-a", "cpt|2026|x", "urn:oid:2.16.840.1.113883.6.12", "json", "xml", "text/html", "count"};
	private static final String[][] HEADERS = {{"Accept", "application/fhir+xml"}, {"Accept", "*/*;q=abc"}, {"Accept", "text/html"},
			{"Accept-Language", "zz-ZZ-x-"}, {"Accept-Language", "*;q=0"}, {"Accept-Language", "es, en;q=0.5"}, {"Accept-Encoding", "gzip"},
			{"Content-Type", "application/fhir+json"}, {"Content-Type", "application/fhir+xml"}, {"Content-Type", "text/plain"},
			{"Content-Type", "application/json; charset=utf-16"}, {"Content-Type", "application/fhir+json; charset=nope"},
			{"Content-Encoding", "gzip"}, {"Content-Encoding", "deflate"}, {"Content-Encoding", "br"}, {"Prefer", "return=minimal"},
			{"Prefer", "handling=strict"}, {"If-None-Match", "W/\"x\""}, {"If-Modified-Since", "yesterday"}, {"Authorization", "Bearer nope"},
			{"Authorization", "Basic Zm9vOmJhcg=="}, {"X-HTTP-Method-Override", "DELETE"}, {"Origin", "https://evil.example"}};
	private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};

	private static Probe randomProbe(Random r) throws Exception {
		String method = pick(r, METHODS);
		StringBuilder path = new StringBuilder(pick(r, PATHS));
		int params = r.nextInt(5);
		for (int i = 0; i < params; i++) {
			path.append(i == 0 ? '?' : '&').append(encode(r, pick(r, NAMES))).append('=').append(encode(r, pick(r, VALUES)));
		}
		List<String[]> headers = new ArrayList<>();
		int headerCount = r.nextInt(3);
		for (int i = 0; i < headerCount; i++) {
			headers.add(pick(r, HEADERS));
		}
		if (r.nextInt(4) == 0) {
			headers.add(TOKEN);
		}
		byte[] body = null;
		if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
			body = body(r);
			if (headers.stream().anyMatch(h -> h[0].equals("Content-Encoding") && h[1].equals("gzip")) && r.nextBoolean()) {
				body = gzip(body);
			}
		}
		return new Probe(method, path.toString(), headers, body);
	}

	/** A query string value as a client might send it: sometimes encoded, sometimes raw (where the URI allows). */
	private static String encode(Random r, String s) {
		String encoded = java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
		if (r.nextInt(3) == 0 && s.chars().allMatch(c -> c > 32 && c < 127 && "\"<>\\^`{|} #".indexOf(c) < 0)) {
			return s; // raw, including stray % signs
		}
		return encoded;
	}

	private static byte[] body(Random r) {
		String valid = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":\"" + CPT + "\"},"
				+ "{\"name\":\"code\",\"valueCode\":\"63185\"}]}";
		String body = switch (r.nextInt(14)) {
			case 0 -> valid.substring(0, r.nextInt(valid.length()));
			case 1 -> valid.replace("\"63185\"", pickNumberish(r));
			case 2 -> "{\"resourceType\":\"" + pick(r, new String[] {"Parameters", "CodeSystem", "ValueSet", "Patient", "Bundle", "", "x"})
					+ "\",\"id\":\"" + pick(r, VALUES).replace("\"", "") + "\"}";
			case 3 -> "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"code\"/><valueDecimal value=\"" + pickNumberish(r)
					+ "\"/></parameter></Parameters>";
			case 4 -> "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"valueSet\",\"resource\":{\"resourceType\":\"ValueSet\","
					+ "\"compose\":{\"include\":[{\"system\":\"" + CPT + "\",\"filter\":[{\"property\":\"" + pick(r, NAMES) + "\",\"op\":\""
					+ pick(r, new String[] {"regex", "is-a", "=", "in", "not-in", "exists", "bogus", "descendent-of", "child-of"})
					+ "\",\"value\":\"" + pick(r, new String[] {"(a+)+b", "[", "\\\\", "63185", "true", "", "(?i).*", "a{99999}"}) + "\"}]}]}}}]}";
			case 5 -> "{\"resourceType\":\"CodeSystem\",\"url\":\"http://x.org/f" + r.nextInt(50) + "\",\"status\":\"active\",\"content\":\""
					+ pick(r, new String[] {"complete", "fragment", "supplement", "not-present", "bogus"}) + "\",\"concept\":[{\"code\":\""
					+ pick(r, new String[] {"a", "", " ", "a b"}) + "\",\"concept\":[{\"code\":\"a\"}]}]}";
			case 6 -> "{\"resourceType\":\"Bundle\",\"type\":\"" + pick(r, new String[] {"batch", "transaction", "collection", "x"})
					+ "\",\"entry\":[{\"request\":{\"method\":\"" + pick(r, METHODS) + "\",\"url\":\"" + pick(r, PATHS) + "\"}}]}";
			case 7 -> "\u0000\u0001\u0002garbage\uffff";
			case 8 -> "";
			case 9 -> "{\"resourceType\":\"Parameters\"," + "\"a\":{".repeat(r.nextInt(800)) + "}".repeat(10);
			case 10 -> "[{\"op\":\"replace\",\"path\":\"/" + pick(r, NAMES) + "\",\"value\":" + pickNumberish(r) + "}]";
			case 11 -> "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"tx-resource\",\"resource\":{\"resourceType\":\"CodeSystem\","
					+ "\"url\":\"http://x.org/t\",\"concept\":[{\"code\":\"a\",\"property\":[{\"code\":\"parent\",\"valueCode\":\"a\"}]}]}},"
					+ "{\"name\":\"system\",\"valueUri\":\"http://x.org/t\"},{\"name\":\"code\",\"valueCode\":\"a\"}]}";
			case 12 -> "<?xml version=\"1.0\"?>" + "<a>".repeat(r.nextInt(900)) + "</a>";
			default -> valid.replace("valueCode", pick(r, new String[] {"valueDecimal", "valueInteger", "valueBoolean", "valueCoding",
					"valueFoo", "resource"}));
		};
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static String pickNumberish(Random r) {
		return pick(r, new String[] {"1e999999999", "-1e-999999999", "1" + "0".repeat(5000), "0.0000", "1E400", "1e401", "\"1e999999999\"",
				"9223372036854775808", "-", "1.2.3", "null", "[]", "{}", "\"NaN\""});
	}

	private static String pick(Random r, String[] from) {
		return from[r.nextInt(from.length)];
	}

	private static String[] pick(Random r, String[][] from) {
		return from[r.nextInt(from.length)];
	}

	private static Probe get(String path) {
		return new Probe("GET", path, List.of(), null);
	}

	private static Probe post(String path, String json) {
		return new Probe("POST", path, List.<String[]>of(JSON), json.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] codeSystem(String id, String url, String version, String concepts) {
		return ("{\"resourceType\":\"CodeSystem\",\"id\":\"" + id + "\",\"url\":\"" + url + "\",\"version\":\"" + version
				+ "\",\"status\":\"active\",\"content\":\"complete\",\"concept\":" + concepts + "}").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(byte[] data) throws java.io.IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		return out.toByteArray();
	}
}
