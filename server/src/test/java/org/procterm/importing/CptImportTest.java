package org.procterm.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.procterm.CommandRun;
import org.procterm.LiveServer;
import org.procterm.TestServers;
import org.procterm.cli.ProcTermCommand;
import org.procterm.content.fhir.Canonicals;
import org.procterm.server.ProcTermServer;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The life of licensed CPT releases in one database, in order: 2025 imported from the command line,
 * an import of 2026 killed just before its commit, the server started on what is left, 2026
 * imported again, the diff, then imports, version selection and refusals over REST. The fixture
 * releases (invented descriptors, AMA layout) are the terminology module's test resources. Every
 * call is the licensee's (the admin token carries the licence); what a client without it sees is
 * LicensedReadTest's subject.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CptImportTest {

	private static final Path RELEASES = ReleaseUploads.RELEASES;

	private static Path data;
	private static ProcTermServer server;
	private static LiveServer.Server fhir;
	private static int haltedExit;
	private static CommandRun diffAfterCrash;
	private static CommandRun diffAfterImport;
	private static CommandRun firstImport;

	@BeforeAll
	static void importReleasesFromTheCommandLine() throws Exception {
		data = TestServers.newDataDir();
		firstImport = cli("import", "cpt", RELEASES.resolve("2025").toString(), "--version", "2025");
		haltedExit = importKilledBeforeCommit("2026");
		diffAfterCrash = cli("diff", "cpt", "2025", "2026");
		assertEquals(0, cli("import", "cpt", RELEASES.resolve("2026").toString(), "--version", "2026").exit());
		diffAfterImport = cli("diff", "cpt", "2025", "2026", "--json");
		server = TestServers.start(data);
		fhir = LiveServer.clientsFor(server.baseUrl());
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	@Test
	@Order(1)
	void theCommandLineImportReportsWhatItLoaded() {
		assertEquals(0, firstImport.exit(), firstImport.err());
		assertTrue(firstImport.out().contains("Imported http://www.ama-assn.org/go/cpt version 2025 (CodeSystem/cpt-2025)"), firstImport.out());
		assertTrue(firstImport.out().contains("8 codes, 29 designations, 2 modifiers, 0 inactive deleted codes"), firstImport.out());
		assertTrue(firstImport.err().contains("Reading 2025"), "progress is shown: " + firstImport.err());
		assertFalse(firstImport.err().contains("\r"), "not a terminal: plain lines, no redrawn bar");
	}

	@Test
	@Order(2)
	void anImportKilledBeforeItsCommitLeavesThePreviousStateAndTheNextStartClean() {
		assertEquals(137, haltedExit, "the child halted inside the import transaction");
		assertEquals(1, diffAfterCrash.exit());
		assertTrue(diffAfterCrash.err().contains("CodeSystem http://www.ama-assn.org/go/cpt version 2026 is not known to this server; known versions: 2025"),
				diffAfterCrash.err());
	}

	@Test
	@Order(3)
	void theDiffListsExactlyTheFixtureChanges() {
		assertEquals(0, diffAfterImport.exit(), diffAfterImport.err());
		String json = diffAfterImport.out();
		assertTrue(json.contains("\"added\" : [ {\n    \"code\" : \"0202T\""), json);
		assertTrue(json.contains("\"code\" : \"22216\""), json);
		assertTrue(json.contains("\"deleted\" : [ {\n    \"code\" : \"0101T\""), json);
		assertTrue(json.contains("\"descriptor\" : \"short\",\n      \"before\" : \"FX ROOT CUT 3+\""), json);

		Parameters diff = fhir.admin().operation().onType(CodeSystem.class).named("$diff")
				.withParameter(Parameters.class, "url", new UriType(Canonicals.CPT))
				.andParameter("from", new StringType("2025")).andParameter("to", new StringType("2026"))
				.useHttpGet().execute();
		assertEquals(List.of("0202T", "22216"), codesOf(diff, "added"));
		assertEquals(List.of("0101T"), codesOf(diff, "deleted"));
		assertEquals(List.of("22212", "63190"), codesOf(diff, "revised"));
	}

	@Test
	@Order(3)
	void aCommandLineImportBesideTheRunningServerFailsWithOneClearLine() throws Exception {
		// another process, as a person would run it: in this JVM, H2 would share the open database
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m",
				ProcTermCommand.class.getName(), "import", "cpt", RELEASES.resolve("2026").toString(), "--version", "2026",
				"--data", data.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(child.waitFor(120, TimeUnit.SECONDS));
		assertEquals(1, child.exitValue(), err);
		assertEquals("procterm: The database " + TestServers.settings(data).dbUrl() + " is in use by a running procterm. Stop that server first, "
				+ "or ask it over REST instead: CodeSystem/$import-cpt to import, CodeSystem/$diff to compare (see the README, \"Importing\").",
				err.strip());
	}

	@Test
	@Order(4)
	void bothReleasesAnswerAndTheVersionSelects() {
		assertEquals("Fixture long: reshape one mid back spine bone from behind", lookup("22212", "2025").getParameterValue("display").primitiveValue());
		assertEquals("Fixture long: reshape one mid back spine bone from behind, each segment",
				lookup("22212", "2026").getParameterValue("display").primitiveValue());
		assertEquals("2026", lookup("22212", null).getParameterValue("version").primitiveValue(), "without a version the latest answers");
		assertThrows(ResourceNotFoundException.class, () -> lookup("22216", "2025"));

		Parameters deleted = validate("0101T", null);
		assertEquals("true", deleted.getParameterValue("inactive").primitiveValue(), "a code deleted in 2026 is inactive there");
		assertEquals("false", validate("0202T", "2025").getParameterValue("result").primitiveValue());
	}

	@Test
	@Order(5)
	void designationsAreServedByUseAndThePatientLayerIsKept() {
		Parameters neck = fhir.admin().operation().onType(CodeSystem.class).named("$lookup")
				.withParameter(Parameters.class, "system", new UriType(Canonicals.CPT))
				.andParameter("code", new StringType("22210")).andParameter("version", new StringType("2025"))
				.andParameter("property", new StringType("designation")).andParameter("property", new StringType("bodyRegion"))
				.andParameter("property", new StringType("patientInformation"))
				.useHttpGet().execute();
		List<String> uses = new ArrayList<>();
		List<String> spanish = new ArrayList<>();
		neck.getParameters("designation").forEach(d -> {
			String use = d.getPart().stream().filter(p -> p.getName().equals("use")).findFirst()
					.map(p -> ((org.hl7.fhir.r4.model.Coding) p.getValue()).getCode()).orElse("");
			uses.add(use);
			d.getPart().stream().filter(p -> p.getName().equals("language") && p.getValue().primitiveValue().equals("es"))
					.forEach(p -> spanish.add(use));
		});
		// the release's designations, our names (English and Spanish), then the display itself, marked as preferred for English
		assertEquals(List.of("upper", "med", "short", "consumer", "clinician", "clinician", "patient-name", "patient-name", "preferredForLanguage"), uses);
		assertEquals(List.of("patient-name"), spanish, "our Spanish name survives the import");
		List<String> properties = neck.getParameters("property").stream().map(p -> p.getPart().get(1).getValue().primitiveValue()).toList();
		assertEquals(List.of("cervical", Canonicals.library("22210")), properties);
	}

	@Test
	@Order(6)
	void theBundledValueSetsExpandOverTheImportedRelease() {
		ValueSet cervical = fhir.admin().operation().onType(ValueSet.class).named("$expand")
				.withParameter(Parameters.class, "url", new UriType(Canonicals.valueSet("spine-procedures-cervical")))
				.andParameter("system-version", new StringType(Canonicals.CPT + "|2025"))
				.returnResourceType(ValueSet.class).useHttpGet().execute();
		assertEquals(List.of("22210"), cervical.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList());
		assertEquals("Fixture long: reshape one neck spine bone from behind", cervical.getExpansion().getContainsFirstRep().getDisplay());
	}

	@Test
	@Order(6)
	void aCodeWithAModifierOfTheReleaseIsValidAndAnUnknownModifierIsNamed() {
		Parameters valid = validate("63185:59", "2026");
		assertEquals("true", valid.getParameterValue("result").primitiveValue());
		Parameters unknown = validate("63185:99999", "2026");
		assertEquals("false", unknown.getParameterValue("result").primitiveValue());
		assertTrue(unknown.getParameterValue("message").primitiveValue().contains("the modifier '99999' is not in this CPT release"),
				unknown.getParameterValue("message").primitiveValue());
		Parameters looked = lookup("63185:59", "2026");
		assertTrue(looked.getParameters("property").stream().anyMatch(p -> p.getPart().get(0).getValue().primitiveValue().equals("modifier")
				&& p.getPart().get(1).getValue().primitiveValue().equals("59")), "the modifier is listed");
	}

	@Test
	@Order(6)
	void anAddOnOfTheReleaseIsCheckedForItsPrimaryCodes() {
		Parameters alone = codeSet("63295");
		assertEquals("false", alone.getParameterValue("result").primitiveValue());
		assertTrue(alone.getParameterValue("message").primitiveValue().contains("63295 is reported without one of its primary codes (63185, 63190)"),
				alone.getParameterValue("message").primitiveValue());
		assertEquals("true", codeSet("63185", "63295").getParameterValue("result").primitiveValue());
		assertEquals("true", codeSet("63190:59", "63295").getParameterValue("result").primitiveValue(), "a primary with a modifier counts");
	}

	private static Parameters codeSet(String... codes) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(Canonicals.CPT));
		in.addParameter("version", new StringType("2026"));
		for (String code : codes) {
			in.addParameter("code", new CodeType(code));
		}
		return fhir.admin().operation().onType(CodeSystem.class).named("$validate-code-set").withParameters(in).execute();
	}

	@Test
	@Order(6)
	void hl7sCptValueSetsExpandOverTheImportedRelease() {
		assertEquals(List.of("22", "59"), expandTho("cpt-modifiers"));
		List<String> usable = expandTho("cpt-usable");
		assertTrue(usable.contains("63185") && !usable.contains("59"), usable.toString());
		List<String> all = expandTho("cpt-all");
		assertTrue(all.containsAll(List.of("63185", "59")), all.toString());
	}

	private static List<String> expandTho(String id) {
		ValueSet out = fhir.admin().operation().onType(ValueSet.class).named("$expand")
				.withParameter(Parameters.class, "url", new UriType("http://terminology.hl7.org/ValueSet/" + id))
				.andParameter("system-version", new StringType(Canonicals.CPT + "|2026"))
				.returnResourceType(ValueSet.class).useHttpGet().execute();
		return out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}

	@Test
	@Order(7)
	void theSampleIsReplacedByTheReleases() {
		assertThrows(ResourceGoneException.class, () -> fhir.admin().read().resource(CodeSystem.class).withId("cpt").execute());
		Bundle versions = fhir.admin().search().forResource(CodeSystem.class).where(CodeSystem.URL.matches().value(Canonicals.CPT))
				.returnBundle(Bundle.class).execute();
		assertEquals(List.of("cpt-2025", "cpt-2026"), versions.getEntry().stream()
				.map(e -> e.getResource().getIdElement().getIdPart()).sorted().toList());
		CodeSystem stored = (CodeSystem) versions.getEntryFirstRep().getResource();
		assertEquals(CodeSystem.CodeSystemContentMode.NOTPRESENT, stored.getContent(), "the concepts live in procterm's content store");
	}

	@Test
	@Order(8)
	void importingTheSameReleaseAgainOverRestChangesNothing() throws Exception {
		String before = fhir.admin().read().resource(CodeSystem.class).withId("cpt-2026").execute().getMeta().getVersionId();
		Parameters result = postRelease(RELEASES.resolve("2026"), "2026", 200);
		assertEquals("true", result.getParameterValue("unchanged").primitiveValue());
		assertEquals(before, fhir.admin().read().resource(CodeSystem.class).withId("cpt-2026").execute().getMeta().getVersionId());
	}

	@Test
	@Order(9)
	void aReleaseUploadedOverRestAnswersAsSoonAsTheCallReturns() throws Exception {
		Path next = copy(RELEASES.resolve("2026"), Files.createTempDirectory("cpt-2027-"));
		replace(next.resolve("LONGULT.txt"), "63295\tFixture long: rebuild the bony arch", "63295\tFixture long: rebuild the whole bony arch");
		Parameters result = postRelease(next, "2027", 200);
		assertEquals("9", result.getParameterValue("codes").primitiveValue());
		assertEquals("Fixture long: rebuild the whole bony arch after opening the spinal canal",
				lookup("63295", null).getParameterValue("display").primitiveValue());
	}

	@Test
	@Order(10)
	void aMalformedReleaseIsRefusedWithFileAndLineAndNothingChanges() throws Exception {
		Path broken = copy(RELEASES.resolve("2026"), Files.createTempDirectory("cpt-broken-"));
		replace(broken.resolve("MEDU.txt"), "22212 ", "22210 ");
		String body = post(broken, "2028", 400);
		OperationOutcome oo = fhir.fhir().newJsonParser().parseResource(OperationOutcome.class, body);
		assertEquals("MEDU.txt:4", oo.getIssueFirstRep().getLocation().get(0).getValue(), body);
		assertTrue(oo.getIssueFirstRep().getDiagnostics().contains("duplicate code 22210 (first at line 3)"), body);
		assertThrows(ResourceNotFoundException.class, () -> lookup("22212", "2028"));
	}

	@Test
	@Order(11)
	void anImportWithoutTheAdminTokenIsRefused() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(server.baseUrl() + "/CodeSystem/$import-cpt?version=2029"))
				.POST(HttpRequest.BodyPublishers.ofByteArray(ReleaseUploads.zip(RELEASES.resolve("2026")))).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(401, response.statusCode());
		assertFalse(response.body().contains("Exception"), response.body());
	}

	// ---- helpers ------------------------------------------------------------------------------

	private static Parameters lookup(String code, String version) {
		return codeSystemOperation("$lookup", "system", code, version);
	}

	private static Parameters validate(String code, String version) {
		return codeSystemOperation("$validate-code", "url", code, version);
	}

	private static Parameters codeSystemOperation(String operation, String systemParameter, String code, String version) {
		var op = fhir.admin().operation().onType(CodeSystem.class).named(operation)
				.withParameter(Parameters.class, systemParameter, new UriType(Canonicals.CPT)).andParameter("code", new StringType(code));
		if (version != null) {
			op.andParameter("version", new StringType(version));
		}
		return op.useHttpGet().execute();
	}

	private static List<String> codesOf(Parameters diff, String name) {
		return diff.getParameters(name).stream().map(p -> p.getPart().get(0).getValue().primitiveValue()).toList();
	}

	private static Parameters postRelease(Path dir, String version, int status) throws Exception {
		return fhir.fhir().newJsonParser().parseResource(Parameters.class, post(dir, version, status));
	}

	private static String post(Path dir, String version, int status) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(server.baseUrl() + "/CodeSystem/$import-cpt?version=" + version))
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN).header("Content-Type", "application/zip")
				.POST(HttpRequest.BodyPublishers.ofByteArray(ReleaseUploads.zip(dir))).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(status, response.statusCode(), response.body());
		return response.body();
	}

	private static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path f : files.toList()) {
				Path target = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) {
					Files.createDirectories(target);
				} else {
					Files.copy(f, target);
				}
			}
		}
		return to;
	}

	private static void replace(Path file, String from, String to) throws IOException {
		String text = Files.readString(file);
		assertTrue(text.contains(from), file + " has no '" + from + "'");
		Files.writeString(file, text.replace(from, to));
	}

	/** Runs a procterm command in this JVM on the test database, capturing what it prints. */
	private static CommandRun cli(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--data", data.toString()));
		return CommandRun.of(all.toArray(String[]::new));
	}

	/** Imports {@code version} in a child JVM that halts, as a kill -9 would, after every write and before the commit. */
	private static int importKilledBeforeCommit(String version) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m",
				KilledImport.class.getName(), RELEASES.resolve(version).toString(), version, data.toString())
				.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child import finished");
		return child.exitValue();
	}
}
