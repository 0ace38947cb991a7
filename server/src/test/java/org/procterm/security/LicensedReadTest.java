package org.procterm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.procterm.TestServers;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.importing.ReleaseUploads;
import org.procterm.server.ProcTermServer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import ca.uhn.fhir.context.FhirContext;

/**
 * A licensed CPT release on a real server, read by the two kinds of client: one without the licence
 * (no token, a token of no meaning here, a JWT without the scope) sees codes, procterm's names and
 * a note; one with it (a configured licence token, an OAuth2 JWT of the configured issuer with the
 * scope, the admin token) sees AMA's descriptors. Every read path is tried: $lookup, $expand,
 * $validate-code, $diff, read and search of the CodeSystem, and the web page of a code. The fixture
 * release's invented descriptors all begin "Fixture" (or "FIXTURE" upper-case), so a leak is easy to spot.
 */
class LicensedReadTest {

	private static final String ISSUER = "https://login.example.test";
	private static final String LICENCE_TOKEN = "licensed-test-token";
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static HttpServer issuer;
	private static RSAKey key;
	private static ProcTermServer server;
	private static String base;

	@BeforeAll
	static void startAServerWithALicensedRelease() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
		issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		issuer.createContext("/jwks", exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		issuer.start();
		server = ProcTermServer.start(TestServers.settings(TestServers.newDataDir(), Map.of(
				"licence.tokens", LICENCE_TOKEN,
				"licence.jwt-issuer", ISSUER,
				"licence.jwt-jwks-url", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks",
				"licence.jwt-scope", "cpt.read")));
		base = server.baseUrl();
		HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/$import-cpt?version=2026"))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).header("Content-Type", "application/zip")
				.POST(HttpRequest.BodyPublishers.ofByteArray(ReleaseUploads.zip(ReleaseUploads.RELEASES.resolve("2026")))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, imported.statusCode(), imported.body());
		// a CPT version a licensee stored whole, concepts and all, so that read and search have texts to withhold
		CodeSystem stored = (CodeSystem) new CodeSystem().setUrl(Canonicals.CPT).setVersion("2027-local").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT).setName("CPT").setId("cpt-2027-local");
		var c = stored.addConcept().setCode("22210").setDisplay("Fixture long: stored descriptor").setDefinition("Fixture definition");
		c.addDesignation().setLanguage("en").setUse(CptVocabulary.SHORT_USE.copy()).setValue("FIXTURE SHORT");
		c.addDesignation().setLanguage("en").setUse(CptVocabulary.PATIENT_NAME_USE.copy()).setValue("Neck bone reshaping");
		stored.addConcept().setCode("0202T").setDisplay("Fixture long: a code without a patient page");
		HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/CodeSystem/cpt-2027-local"))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(stored))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(201, put.statusCode(), put.body());
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		if (issuer != null) {
			issuer.stop(0);
		}
	}

	// ---- the credentials --------------------------------------------------------------------------

	private static String jwt(String iss, String scope, Instant expires, RSAKey signer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(iss).subject("ehr-7").claim("scope", scope).expirationTime(Date.from(expires)).build());
		jwt.sign(new RSASSASigner(signer));
		return jwt.serialize();
	}

	private static String validJwt(String scope) throws JOSEException {
		return jwt(ISSUER, scope, Instant.now().plusSeconds(300), key);
	}

	private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String ok(String path, String token) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path, token);
		assertEquals(200, response.statusCode(), response.body());
		return response.body();
	}

	private static String lookup22210(String token) throws IOException, InterruptedException {
		return ok("/CodeSystem/$lookup?system=" + Canonicals.CPT + "&version=2026&code=22210&property=designation", token);
	}

	private static String display(String parametersJson) {
		return FHIR.newJsonParser().parseResource(Parameters.class, parametersJson).getParameterValue("display").primitiveValue();
	}

	private static void assertNoAmaText(String body) {
		assertFalse(body.contains("Fixture") || body.contains("FIXTURE"), "AMA's text reached a client without the licence: " + body);
	}

	// ---- $lookup, by every kind of client --------------------------------------------------------

	@Test
	void anAnonymousLookupOfAnImportedCodeShowsOurNameAndNoAmaDescriptor() throws Exception {
		String body = lookup22210(null);
		assertNoAmaText(body);
		assertEquals("22210", FHIR.newJsonParser().parseResource(Parameters.class, body).getParameterValue("code").primitiveValue());
		assertTrue(body.contains("licensed content"), "the answer says why: " + body);
		assertTrue(body.contains(Canonicals.library("22210")) || ok("/CodeSystem/$lookup?system=" + Canonicals.CPT
				+ "&version=2026&code=22210&property=patientInformation", null).contains(Canonicals.library("22210")), "the patient link is kept");
	}

	@Test
	void aLicenceTokenSeesAmasDescriptor() throws Exception {
		assertEquals("Fixture long: reshape one neck spine bone from behind", display(lookup22210(LICENCE_TOKEN)));
		assertEquals("Fixture long: reshape one neck spine bone from behind", display(lookup22210(TestServers.ADMIN_TOKEN)));
	}

	@Test
	void anOAuthTokenWithTheScopeSeesAmasDescriptorAndOneWithoutItDoesNot() throws Exception {
		assertEquals("Fixture long: reshape one neck spine bone from behind", display(lookup22210(validJwt("openid cpt.read"))));
		assertNoAmaText(lookup22210(validJwt("openid profile")));
		assertNoAmaText(lookup22210("some-gateway-token"));
	}

	@Test
	void anExpiredOrForeignOAuthTokenIsRefusedWithAReason() throws Exception {
		HttpResponse<String> expired = get("/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=22210",
				jwt(ISSUER, "cpt.read", Instant.now().minusSeconds(600), key));
		assertEquals(401, expired.statusCode(), expired.body());
		assertTrue(expired.body().contains("OperationOutcome") && expired.body().contains("expired"), expired.body());
		HttpResponse<String> forged = get("/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=22210",
				jwt(ISSUER, "cpt.read", Instant.now().plusSeconds(300), new RSAKeyGenerator(2048).keyID("issuer-key").generate()));
		assertEquals(401, forged.statusCode(), forged.body());
		assertTrue(forged.body().contains("signature"), forged.body());
		HttpResponse<String> otherIssuer = get("/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=22210",
				jwt("https://elsewhere.example.test", "cpt.read", Instant.now().plusSeconds(300), key));
		assertEquals(401, otherIssuer.statusCode(), otherIssuer.body());
	}

	// ---- the other operations ------------------------------------------------------------------------

	@Test
	void anAnonymousExpansionListsTheCodesWithoutAmaText() throws Exception {
		String path = "/ValueSet/$expand?url=http://terminology.hl7.org/ValueSet/cpt-all&includeDesignations=true&system-version="
				+ URLEncoder.encode(Canonicals.CPT + "|2026", StandardCharsets.UTF_8);
		String anonymous = ok(path, null);
		assertNoAmaText(anonymous);
		assertTrue(anonymous.contains("\"63185\"") && anonymous.contains("warning-withheld"), anonymous);
		assertTrue(ok(path, LICENCE_TOKEN).contains("Fixture long: cut the back nerve roots"));
	}

	@Test
	void anAnonymousValidationAnswersTheCodeButNotTheDescriptor() throws Exception {
		String path = "/CodeSystem/$validate-code?url=" + Canonicals.CPT + "&version=2026&code=63185&display=Something";
		String anonymous = ok(path, null);
		assertNoAmaText(anonymous);
		assertTrue(anonymous.contains("\"valueBoolean\": true") || anonymous.contains("\"valueBoolean\":true"), anonymous);
		String licensed = ok(path, LICENCE_TOKEN);
		assertTrue(licensed.contains("Fixture long: cut the back nerve roots"), licensed);
		assertTrue(licensed.contains("\"valueBoolean\": false") || licensed.contains("\"valueBoolean\":false"), "a wrong display is wrong: " + licensed);
	}

	@Test
	void anAnonymousDiffNamesCodesButNotDescriptors() throws Exception {
		// the 2025 release is not here; a diff of one version with itself is empty either way, so compare the stored local version
		String anonymous = ok("/CodeSystem/$diff?url=" + Canonicals.CPT + "&from=2026&to=2027-local", null);
		assertNoAmaText(anonymous);
		assertTrue(ok("/CodeSystem/$diff?url=" + Canonicals.CPT + "&from=2026&to=2027-local", LICENCE_TOKEN).contains("Fixture"));
	}

	// ---- the resources ------------------------------------------------------------------------------

	@Test
	void anAnonymousReadIsRedactedAndLabelledSo() throws Exception {
		String anonymous = ok("/CodeSystem/cpt-2027-local", null);
		assertNoAmaText(anonymous);
		CodeSystem redacted = FHIR.newJsonParser().parseResource(CodeSystem.class, anonymous);
		assertEquals("Neck bone reshaping", redacted.getConceptFirstRep().getDisplay());
		assertEquals("REDACTED", redacted.getMeta().getSecurityFirstRep().getCode());
		CodeSystem whole = FHIR.newJsonParser().parseResource(CodeSystem.class, ok("/CodeSystem/cpt-2027-local", LICENCE_TOKEN));
		assertEquals("Fixture long: stored descriptor", whole.getConceptFirstRep().getDisplay());
		assertEquals(2, whole.getConceptFirstRep().getDesignation().size());
	}

	@Test
	void anAnonymousSearchIsRedactedToo() throws Exception {
		String anonymous = ok("/CodeSystem?url=" + Canonicals.CPT, null);
		assertNoAmaText(anonymous);
		Bundle found = FHIR.newJsonParser().parseResource(Bundle.class, anonymous);
		assertTrue(found.getEntry().size() >= 2, "both versions are found: " + anonymous);
		assertTrue(ok("/CodeSystem?url=" + Canonicals.CPT, LICENCE_TOKEN).contains("Fixture long: stored descriptor"));
	}

	@Test
	void aCacheKeepsTheTwoKindsOfAnswerApart() throws Exception {
		String path = "/CodeSystem/$lookup?system=" + Canonicals.CPT + "&version=2026&code=22210";
		HttpResponse<String> anonymous = get(path, null);
		HttpResponse<String> licensed = get(path, LICENCE_TOKEN);
		assertNotEquals(anonymous.headers().firstValue("ETag").orElseThrow(), licensed.headers().firstValue("ETag").orElseThrow());
		assertTrue(anonymous.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Authorization")), anonymous.headers().map().toString());
		// the licensed answer's tag does not let an anonymous client revalidate into it
		HttpResponse<String> revalidated = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("If-None-Match", licensed.headers().firstValue("ETag").orElseThrow()).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(200, revalidated.statusCode());
	}

	@Test
	void theWebPageOfACodeWithoutOurPageShowsNoAmaText() throws Exception {
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base.replace("/fhir", "") + "/procedures/0202T")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, page.statusCode(), page.body());
		assertNoAmaText(page.body());
		assertTrue(page.body().contains("0202T"));
	}
}
