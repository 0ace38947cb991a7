package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;
import org.procterm.TestServers;

/** {@code POST CodeSystem/$import} and {@code POST $import-package}: content in, summary Parameters out. */
@ExtendWith(LiveServer.class)
class ImportOperationTest {

	/** A code system with a two-level hierarchy and {@code n} leaf concepts. */
	private static CodeSystem generated(String url, String version, int n) {
		CodeSystem cs = new CodeSystem().setUrl(url).setVersion(version).setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addProperty().setCode("bodyRegion").setType(CodeSystem.PropertyType.CODE);
		var root = cs.addConcept().setCode("G1").setDisplay("Group of generated procedures");
		for (int i = 0; i < n; i++) {
			var c = root.addConcept().setCode(String.format("%05d", i)).setDisplay("Generated procedure number " + i + (i % 2 == 0 ? " lumbar" : " cervical"));
			c.addProperty().setCode("bodyRegion").setValue(new CodeType(i % 2 == 0 ? "lumbar" : "cervical"));
		}
		return cs;
	}

	@Test
	void aCodeSystemPostedAsJsonIsServedWhenTheCallReturns(LiveServer.Server server) throws Exception {
		String json = server.fhir().newJsonParser().encodeResourceToString(generated("http://example.org/generated", "1", 5000));

		Parameters result = parse(server, post(server, "/CodeSystem/$import", json.getBytes(StandardCharsets.UTF_8), 200));

		assertEquals("5001", result.getParameterValue("concepts").primitiveValue());
		assertEquals("false", result.getParameterValue("unchanged").primitiveValue());
		Parameters lookup = server.client().operation().onType(CodeSystem.class).named("$lookup")
				.withParameter(Parameters.class, "system", new UriType("http://example.org/generated"))
				.andParameter("code", new StringType("04999")).andParameter("property", new StringType("parent"))
				.useHttpGet().execute();
		assertEquals("Generated procedure number 4999 cervical", lookup.getParameterValue("display").primitiveValue());
		CodeSystem stored = server.client().read().resource(CodeSystem.class).withId(result.getParameterValue("resource").primitiveValue()).execute();
		assertEquals(CodeSystem.CodeSystemContentMode.NOTPRESENT, stored.getContent());
		assertEquals(5001, stored.getCount());
	}

	@Test
	void theSameContentTwiceIsANoOpAndGzipIsAccepted(LiveServer.Server server) throws Exception {
		byte[] json = server.fhir().newJsonParser().encodeResourceToString(generated("http://example.org/twice", "1", 10))
				.getBytes(StandardCharsets.UTF_8);
		post(server, "/CodeSystem/$import", json, 200);

		Parameters again = parse(server, post(server, "/CodeSystem/$import", gzip(json), 200));

		assertEquals("true", again.getParameterValue("unchanged").primitiveValue());
	}

	@Test
	void newConceptsUnderUnchangedMetadataAreServed(LiveServer.Server server) throws Exception {
		CodeSystem cs = generated("http://example.org/revised", "1", 3);
		post(server, "/CodeSystem/$import", server.fhir().newJsonParser().encodeResourceToString(cs).getBytes(StandardCharsets.UTF_8), 200);
		cs.getConceptFirstRep().getConceptFirstRep().setDisplay("A display revised in the second import");

		post(server, "/CodeSystem/$import", server.fhir().newJsonParser().encodeResourceToString(cs).getBytes(StandardCharsets.UTF_8), 200);

		Parameters lookup = server.client().operation().onType(CodeSystem.class).named("$lookup")
				.withParameter(Parameters.class, "system", new UriType("http://example.org/revised"))
				.andParameter("code", new StringType("00000")).useHttpGet().execute();
		assertEquals("A display revised in the second import", lookup.getParameterValue("display").primitiveValue());
	}

	@Test
	void anImportReplacesAStoredResourceOfTheSameUrlAndVersion(LiveServer.Server server) throws Exception {
		server.admin().update().resource(generated("http://example.org/replaced", "3", 2).setId("replaced-by-put")).execute();
		byte[] json = server.fhir().newJsonParser().encodeResourceToString(generated("http://example.org/replaced", "3", 4))
				.getBytes(StandardCharsets.UTF_8);

		post(server, "/CodeSystem/$import", json, 200);

		Bundle found = server.client().search().forResource(CodeSystem.class)
				.where(CodeSystem.URL.matches().value("http://example.org/replaced")).returnBundle(Bundle.class).execute();
		assertEquals(1, found.getEntry().size());
		assertEquals(5, ((CodeSystem) found.getEntryFirstRep().getResource()).getCount());
	}

	@Test
	void brokenJsonIsA400NamingTheLine(LiveServer.Server server) throws Exception {
		String body = post(server, "/CodeSystem/$import", """
				{"resourceType": "CodeSystem", "url": "http://example.org/broken",
				 "concept": [{"code": "a",}]}""".getBytes(StandardCharsets.UTF_8), 400);
		OperationOutcome oo = server.fhir().newJsonParser().parseResource(OperationOutcome.class, body);
		assertTrue(oo.getIssueFirstRep().getDiagnostics().contains("line 2"), body);
	}

	@Test
	void aFhirPackageIsInstalled(LiveServer.Server server) throws Exception {
		CodeSystem cs = generated("http://example.org/packaged", "2", 3).setName("Packaged");
		cs.setId("packaged");
		byte[] tgz = npmPackage("example.packaged", "2.0.0", "CodeSystem-packaged.json", server.fhir().newJsonParser().encodeResourceToString(cs));

		Parameters result = parse(server, post(server, "/$import-package", tgz, 200));

		assertTrue(result.getParameterValue("package").primitiveValue().startsWith("example.packaged#2.0.0: 1 CodeSystem"),
				result.getParameterValue("package").primitiveValue());
		Parameters valid = server.client().operation().onType(CodeSystem.class).named("$validate-code")
				.withParameter(Parameters.class, "url", new UriType("http://example.org/packaged"))
				.andParameter("code", new StringType("00002")).useHttpGet().execute();
		assertEquals("true", valid.getParameterValue("result").primitiveValue());
	}

	private static Parameters parse(LiveServer.Server server, String body) {
		return server.fhir().newJsonParser().parseResource(Parameters.class, body);
	}

	private static String post(LiveServer.Server server, String path, byte[] body, int status) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(status, response.statusCode(), response.body());
		return response.body();
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(bytes);
		}
		return out.toByteArray();
	}

	private static byte[] npmPackage(String name, String version, String file, String resource) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
			entry(tar, "package/package.json", """
					{"name": "%s", "version": "%s", "fhirVersions": ["4.0.1"], "dependencies": {"hl7.fhir.r4.core": "4.0.1"}}"""
					.formatted(name, version));
			entry(tar, "package/" + file, resource);
		}
		return out.toByteArray();
	}

	private static void entry(TarArchiveOutputStream tar, String name, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		TarArchiveEntry e = new TarArchiveEntry(name);
		e.setSize(bytes.length);
		tar.putArchiveEntry(e);
		tar.write(bytes);
		tar.closeArchiveEntry();
	}
}
