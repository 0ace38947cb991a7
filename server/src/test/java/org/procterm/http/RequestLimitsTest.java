package org.procterm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.server.ProcTermServer;

/**
 * Every budget a request has, on a real server configured with small limits: bodies are bounded
 * after decompression as they are read, archives as they unpack, numbers before they are parsed;
 * and what a crashed import left behind is gone after a restart.
 */
class RequestLimitsTest {

	private static ProcTermServer server;
	private static Path data;
	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		data = TestServers.newDataDir();
		Files.createDirectories(data.resolve("work/cpt-release-123"));
		Files.writeString(data.resolve("work/import-123.json.gz"), "left by an import that died");
		Files.writeString(data.resolve("work/cpt-release-123/LONGULT.txt"), "left by an import that died");
		server = ProcTermServer.start(TestServers.settings(data, Map.of(
				"limits.operation-body-kb", "128",
				"limits.write-body-mb", "1",
				"limits.import-body-mb", "2",
				"limits.archive-files", "5",
				"limits.archive-file-mb", "1",
				"limits.archive-total-mb", "2",
				"limits.archive-ratio", "50",
				"limits.operation-ms", "1")));
	}

	@AfterAll
	static void stop() throws Exception {
		server.close();
	}

	private HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", contentType)
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRefused(HttpResponse<String> r, int status, String... fragments) {
		assertEquals(status, r.statusCode(), r.body());
		assertTrue(r.body().contains("\"resourceType\":\"OperationOutcome\""), r.body());
		for (String f : fragments) {
			assertTrue(r.body().contains(f), "'" + f + "' in " + r.body());
		}
	}

	@Test
	void leftoversOfAnImportThatDiedAreRemovedAtStart() {
		assertFalse(Files.exists(data.resolve("work/import-123.json.gz")));
		assertFalse(Files.exists(data.resolve("work/cpt-release-123")));
	}

	@Test
	void aDecimalWithAHugeExponentIsRefusedBeforeAnythingParsesIt() throws Exception {
		for (String value : new String[] {"1e999999999", "\"1e999999999\""}) {
			assertRefused(post("/CodeSystem/$lookup", "application/fhir+json",
					("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"x\",\"valueDecimal\":" + value + "}]}").getBytes(StandardCharsets.UTF_8)),
					400, "exponent beyond 400");
		}
		assertRefused(post("/CodeSystem/$lookup", "application/fhir+xml", ("<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"x\"/>"
				+ "<valueDecimal value=\"1E999999999\"/></parameter></Parameters>").getBytes(StandardCharsets.UTF_8)), 400, "exponent beyond 400");
	}

	@Test
	void aCompressedOperationBodyIsBoundedOnceDecompressed() throws Exception {
		byte[] bomb = gzip(("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + "a".repeat(1 << 20) + "\"}]}")
				.getBytes(StandardCharsets.UTF_8));
		assertTrue(bomb.length < 10_000, "a small upload");
		assertRefused(post("/CodeSystem/$lookup", "application/fhir+json", bomb, "Content-Encoding", "gzip"), 413, "128 KB",
				"limits.operation-body-kb");
	}

	@Test
	void aWriteLargerThanItsLimitIsRefused() throws Exception {
		String big = "{\"resourceType\":\"CodeSystem\",\"url\":\"http://x.org/big\",\"status\":\"active\",\"content\":\"complete\",\"description\":\""
				+ "a".repeat(1_200_000) + "\"}";
		assertRefused(post("/CodeSystem", "application/fhir+json", big.getBytes(StandardCharsets.UTF_8)), 413, "1 MB", "limits.write-body-mb");
	}

	@Test
	void withoutTheAdminTokenABodyIsSizedAsAnOperationNeverAsAWrite() throws Exception {
		byte[] body = ("{\"resourceType\":\"CodeSystem\",\"description\":\"" + "a".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/CodeSystem"))
				.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertRefused(r, 413, "128 KB", "without the admin token");
	}

	@Test
	void anImportIsStreamedAndStoppedAtItsLimit() throws Exception {
		StringBuilder concepts = new StringBuilder();
		for (int i = 0; i < 60_000; i++) {
			concepts.append(i == 0 ? "" : ",").append("{\"code\":\"c").append(i).append("\",\"display\":\"Concept number ").append(i).append("\"}");
		}
		byte[] body = gzip(("{\"resourceType\":\"CodeSystem\",\"url\":\"http://x.org/huge\",\"status\":\"active\",\"content\":\"complete\","
				+ "\"concept\":[" + concepts + "]}").getBytes(StandardCharsets.UTF_8));
		assertRefused(post("/CodeSystem/$import", "application/fhir+json", body, "Content-Encoding", "gzip"), 413, "2 MB", "limits.import-body-mb");
	}

	@Test
	void aZipBombIsStoppedAsItUnpacks() throws Exception {
		byte[] bomb = zip(Map.of("LONGULT.txt", new byte[3 << 20]));
		assertTrue(bomb.length < 20_000);
		assertRefused(post("/CodeSystem/$import-cpt?version=2027", "application/zip", bomb), 422, "limits.archive");
	}

	@Test
	void anArchiveWithMoreFilesThanTheLimitIsRefused() throws Exception {
		Map<String, byte[]> files = new java.util.TreeMap<>();
		for (int i = 0; i < 6; i++) {
			files.put("file" + i + ".txt", "x".getBytes(StandardCharsets.UTF_8));
		}
		assertRefused(post("/CodeSystem/$import-cpt?version=2027", "application/zip", zip(files)), 422, "more than 5 files",
				"limits.archive-files");
	}

	@Test
	void aFilterThatOutrunsTheTimeBudgetIsStoppedAsTooCostly() throws Exception {
		StringBuilder concepts = new StringBuilder();
		for (int i = 0; i < 1500; i++) {
			concepts.append(i == 0 ? "" : ",").append("{\"code\":\"c").append(i).append("\",\"display\":\"alpha beta gamma delta ").append(i)
					.append(" epsilon zeta\"}");
		}
		String request = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"tx-resource\",\"resource\":{\"resourceType\":"
				+ "\"CodeSystem\",\"url\":\"http://x.org/slow\",\"status\":\"active\",\"content\":\"complete\",\"concept\":[" + concepts + "]}},"
				+ "{\"name\":\"valueSet\",\"resource\":{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":[{"
				+ "\"system\":\"http://x.org/slow\",\"filter\":[{\"property\":\"display\",\"op\":\"regex\",\"value\":"
				+ "\".*(a|b).*(c|d).*(e|f).*(g|h).*(i|j).*q\"}]}]}}}]}";
		assertRefused(post("/ValueSet/$expand", "application/fhir+json", request.getBytes(StandardCharsets.UTF_8)), 422,
				"the most this server spends on one request");
	}

	@Test
	void aDamagedZipIsAClientError() throws Exception {
		byte[] zip = zip(Map.of("LONGULT.txt", "63185\tA descriptor\n".repeat(200).getBytes(StandardCharsets.UTF_8),
				"LONGULT.txu", "x".getBytes(StandardCharsets.UTF_8)));
		byte[] duplicate = replace(zip, "LONGULT.txu", "LONGULT.txt");
		assertRefused(post("/CodeSystem/$import-cpt?version=2027", "application/zip", duplicate), 400, "'LONGULT.txt' more than once");
		assertRefused(post("/CodeSystem/$import-cpt?version=2027", "application/zip", Arrays.copyOf(zip, zip.length / 3)), 400,
				"not a complete zip archive");
		assertRefused(post("/CodeSystem/$import-cpt?version=2027", "application/zip", zip(Map.of("", new byte[10]))), 400, "empty name");
	}

	@Test
	void aPackageIsCheckedBeforeItIsUnpackedAndNamedAsNpmRequires() throws Exception {
		byte[] evil = tgz(Map.of("package/package.json", "{\"name\":\"../../evil\",\"version\":\"1.0.0\",\"fhirVersions\":[\"4.0.1\"]}"
				.getBytes(StandardCharsets.UTF_8)));
		assertRefused(post("/$import-package", "application/gzip", evil), 422, "not a valid NPM package name");
		byte[] large = tgz(Map.of("package/package.json", "{\"name\":\"big.pkg\",\"version\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8),
				"package/big.json", new byte[3 << 20]));
		assertRefused(post("/$import-package", "application/gzip", large), 422, "limits.archive");
	}

	private static byte[] gzip(byte[] data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		return out.toByteArray();
	}

	private static byte[] zip(Map<String, byte[]> files) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (var f : new java.util.TreeMap<>(files).entrySet()) {
				zip.putNextEntry(new ZipEntry(f.getKey()));
				zip.write(f.getValue());
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	private static byte[] tgz(Map<String, byte[]> files) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
			for (var f : new java.util.TreeMap<>(files).entrySet()) {
				TarArchiveEntry e = new TarArchiveEntry(f.getKey());
				e.setSize(f.getValue().length);
				tar.putArchiveEntry(e);
				tar.write(f.getValue());
				tar.closeArchiveEntry();
			}
		}
		return out.toByteArray();
	}

	/** The bytes with every occurrence of one name replaced by another of the same length, as a crafted archive would have it. */
	private static byte[] replace(byte[] data, String from, String to) {
		String text = new String(data, StandardCharsets.ISO_8859_1).replace(from, to);
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}
}
