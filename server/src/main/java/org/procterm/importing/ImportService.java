package org.procterm.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.procterm.content.BundledPackage;
import org.procterm.content.Progress;
import org.procterm.content.cpt.AmaReleaseReader;
import org.procterm.content.cpt.CptRelease;
import org.procterm.content.cpt.CptReleaseCodeSystem;
import org.procterm.content.fhir.Canonicals;
import org.procterm.config.RequestLimits;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.EngineSync;
import org.procterm.store.StoredContentRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallOutcomeJson;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;

/**
 * Imports code systems whole: a CPT release from AMA's files, or any CodeSystem as FHIR JSON of any
 * size. The concepts are read and indexed first; then, in one database transaction, the CodeSystem's
 * metadata goes to HAPI and its concepts to the {@link CodeSystemContentStore}. A failure at any
 * point, or a process killed before the commit, leaves the database as it was. The engine serves the
 * new version the moment the transaction commits, before the import call returns.
 */
public class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);
	private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final FhirContext fhir;
	private final DaoRegistry daos;
	private final TransactionTemplate transactions;
	private final CodeSystemContentStore contentStore;
	private final EngineSync engineSync;
	private final BundledPackage bundledPackage;
	private final IPackageInstallerSvc packageInstaller;
	private final Path workDir;
	private final RequestLimits limits;
	private final ImportCheckpoints checkpoints;

	public ImportService(FhirContext fhir, DaoRegistry daos, PlatformTransactionManager transactionManager,
			CodeSystemContentStore contentStore, EngineSync engineSync, BundledPackage bundledPackage,
			IPackageInstallerSvc packageInstaller, Path workDir, RequestLimits limits, ImportCheckpoints checkpoints) {
		this.fhir = fhir;
		this.daos = daos;
		this.transactions = new TransactionTemplate(transactionManager);
		this.contentStore = contentStore;
		this.engineSync = engineSync;
		this.bundledPackage = bundledPackage;
		this.packageInstaller = packageInstaller;
		this.workDir = workDir;
		this.limits = limits;
		this.checkpoints = checkpoints;
		removeLeftovers(workDir);
	}

	/**
	 * Working files of imports that a crash interrupted (a received body, an unpacked release) are
	 * never finished: they are removed at start, before any import of this run can make new ones.
	 */
	static void removeLeftovers(Path workDir) {
		if (!Files.isDirectory(workDir)) {
			return;
		}
		try (var leftovers = Files.list(workDir)) {
			leftovers.filter(p -> p.getFileName().toString().startsWith("import-") || p.getFileName().toString().startsWith("cpt-release-"))
					.forEach(p -> {
						ReleaseArchive.delete(p);
						log.info("removed {}, left by an import that did not finish", p.getFileName());
					});
		} catch (IOException e) {
			log.warn("could not look for leftovers of unfinished imports in {}: {}", workDir, e.getMessage());
		}
	}

	/** Imports the CPT release in {@code dir} as {@code version}, keeping procterm's patient layer. */
	public ImportSummary importCpt(Path dir, String version, Progress progress) {
		return importCpt(AmaReleaseReader.read(dir, version, progress), System.nanoTime(), progress);
	}

	/**
	 * Imports a CPT release already read (and so checked): the command line reads it before it opens
	 * the database, so a broken release is refused in a second rather than after the start.
	 */
	public ImportSummary importCpt(CptRelease release, long started, Progress progress) {
		CodeSystem patientLayer = bundledPackage.cptPatientLayer();
		// the same release files with a newer patient layer (a procterm upgrade) is a change
		MessageDigest sha = sha256();
		sha.update(release.digest().getBytes(StandardCharsets.UTF_8));
		sha.update(fhir.newJsonParser().encodeResourceToString(patientLayer).getBytes(StandardCharsets.UTF_8));
		String digest = HexFormat.of().formatHex(sha.digest());
		Optional<CodeSystemContentStore.Entry> same = contentStore.find(CptReleaseCodeSystem.resourceId(release.version()))
				.filter(e -> e.digest().equals(digest));
		if (same.isPresent()) {
			return ImportSummary.unchanged(same.get(), seconds(started)); // decided before any CodeSystem is built
		}
		CodeSystem cs = CptReleaseCodeSystem.build(release, patientLayer);
		Path file = temporaryFile();
		try {
			progress.stage("Writing CodeSystem", -1);
			try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8)) {
				fhir.newJsonParser().encodeResourceToWriter(cs, out);
			}
			ImportSummary.Counts counts = new ImportSummary.Counts(release.codes().size(), release.designationCount(),
					release.modifiers().size(), release.deleted().size());
			return store(file, digest, cs.getIdElement().getIdPart(), counts, started, progress);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			deleteQuietly(file);
		}
	}

	/** Imports a CodeSystem given as FHIR JSON (gzip-compressed or not), however many concepts it has. */
	public ImportSummary importCodeSystem(InputStream json, Progress progress) {
		long started = System.nanoTime();
		Path file = temporaryFile();
		try {
			MessageDigest sha = sha256();
			progress.stage("Receiving CodeSystem", -1);
			try (InputStream in = new DigestInputStream(unzipIfCompressed(json), sha);
					OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
				in.transferTo(out);
			}
			String digest = HexFormat.of().formatHex(sha.digest());
			Optional<CodeSystemContentStore.Entry> same = contentStore.findByDigest(digest);
			if (same.isPresent()) {
				return ImportSummary.unchanged(same.get(), seconds(started)); // decided before the concepts are indexed
			}
			return store(file, digest, null, null, started, progress);
		} catch (IOException e) {
			throw TerminologyException.invalid("The CodeSystem could not be received: " + e.getMessage());
		} finally {
			deleteQuietly(file);
		}
	}

	/**
	 * Installs a FHIR NPM package (its conformance and terminology resources, PlanDefinitions and
	 * Libraries) through HAPI's package installer, offline: dependencies are not fetched.
	 *
	 * @return what was installed, e.g. {@code example.pkg#1.0.0: 3 CodeSystem, 2 ValueSet}
	 */
	public String importPackage(byte[] tgz) {
		checkPackageArchive(tgz);
		NpmPackage npm;
		try {
			npm = NpmPackage.fromPackage(new java.io.ByteArrayInputStream(tgz));
		} catch (IOException | RuntimeException e) {
			throw TerminologyException.invalid("The content is not a FHIR NPM package (a gzipped tar with package/package.json)");
		}
		if (npm.name() == null || !NPM_NAME.matcher(npm.name()).matches() || npm.name().length() > 214) {
			throw TerminologyException.invalidContent("The package name '" + npm.name() + "' is not a valid NPM package name"
					+ " (lower case letters, digits, '-', '.', '_' and '~', optionally @scope/, at most 214 characters)");
		}
		PackageInstallationSpec spec = new PackageInstallationSpec().setName(npm.name()).setVersion(npm.version())
				.setPackageContents(tgz).setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
				.setFetchDependencies(false);
		spec.setInstallResourceTypes(List.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "StructureDefinition",
				"SearchParameter", "PlanDefinition", "Library", "Questionnaire"));
		PackageInstallOutcomeJson outcome = packageInstaller.install(spec);
		String installed = outcome.getResourcesInstalled().entrySet().stream()
				.map(e -> e.getValue() + " " + e.getKey()).sorted().collect(java.util.stream.Collectors.joining(", "));
		return npm.name() + "#" + npm.version() + ": " + (installed.isEmpty() ? "nothing new to install" : installed);
	}

	/** npm's rule for package names (validate-npm-package-name): a scope is optional, no path separators or dots at the start. */
	private static final java.util.regex.Pattern NPM_NAME = java.util.regex.Pattern.compile(
			"^(?:@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$");

	/**
	 * Reads a package's tar once within the archive limits before HAPI's package reader, which
	 * unpacks every file into memory, sees it.
	 */
	private void checkPackageArchive(byte[] tgz) {
		ArchiveLimits checked = new ArchiveLimits(limits, new java.io.ByteArrayInputStream(tgz));
		try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new GZIPInputStream(checked.source()))) {
			for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				checked.entry(entry.getName());
				checked.copy(entry.getName(), tar, null);
			}
		} catch (IOException e) {
			throw TerminologyException.invalid("The content is not a FHIR NPM package (a gzipped tar with package/package.json):"
					+ " it is damaged, cut short or of another kind");
		}
	}

	private ImportSummary store(Path gzipJson, String digest, String resourceIdOrNull, ImportSummary.Counts counts, long started,
			Progress progress) throws IOException {
		progress.stage("Indexing concepts", -1);
		CodeSystemJsonReader.Result read;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipJson), 1 << 16)) {
			read = new CodeSystemJsonReader(fhir).read(in);
		}
		CodeSystem header = read.header();
		CodeSystemIndex index = read.index();
		StoredContentRules.checkCanonical(header.getUrl(), header.getVersion());
		if (header.getContent() == CodeSystem.CodeSystemContentMode.SUPPLEMENT) {
			throw TerminologyException.notSupported("CodeSystem supplements cannot be imported yet; store them with PUT");
		}
		String id = resourceIdOrNull != null ? resourceIdOrNull : resourceIdFor(header);

		CodeSystem metadata = header.copy();
		metadata.setId(id);
		metadata.setContent(CodeSystem.CodeSystemContentMode.NOTPRESENT);
		metadata.setCount(index.size());
		progress.stage("Storing " + index.size() + " concepts", -1);
		engineSync.prepare(id, index);
		try {
			transactions.executeWithoutResult(status -> {
				IFhirResourceDao<CodeSystem> dao = daos.getResourceDao(CodeSystem.class);
				for (IBaseResource superseded : sameVersionElsewhere(dao, header, id)) {
					dao.delete(superseded.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
				}
				if (Canonicals.CPT.equals(header.getUrl())) {
					removeCptSample(dao);
				}
				dao.update(metadata, new SystemRequestDetails());
				contentStore.put(new CodeSystemContentStore.Entry(id, header.getUrl(), header.getVersion(), digest, index.size(),
						Instant.now()), gzipJson);
				engineSync.recordImport(id);
				checkpoints.beforeCommit();
			});
		} finally {
			engineSync.finish(id);
		}
		log.info("imported CodeSystem/{} ({} {}, {} concepts)", id, header.getUrl(), header.getVersion(), index.size());
		return ImportSummary.imported(id, header.getUrl(), header.getVersion(), index.size(), counts, seconds(started));
	}

	/** The bundled sample stands in for CPT until a licensed release is imported, and then goes. */
	private void removeCptSample(IFhirResourceDao<CodeSystem> dao) {
		SearchParameterMap byUrl = SearchParameterMap.newSynchronous().add(CodeSystem.SP_URL, new UriParam(Canonicals.CPT));
		for (IBaseResource cs : dao.search(byUrl, new SystemRequestDetails()).getAllResources()) {
			if (((CodeSystem) cs).getContent() != CodeSystem.CodeSystemContentMode.NOTPRESENT) {
				dao.delete(cs.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
			}
		}
	}

	/** Another stored resource with the same url and version: the import replaces it. */
	private static List<IBaseResource> sameVersionElsewhere(IFhirResourceDao<CodeSystem> dao, CodeSystem header, String id) {
		SearchParameterMap query = SearchParameterMap.newSynchronous().add(CodeSystem.SP_URL, new UriParam(header.getUrl()));
		if (header.hasVersion()) {
			query.add(CodeSystem.SP_VERSION, new TokenParam(header.getVersion()));
		}
		return dao.search(query, new SystemRequestDetails()).getAllResources().stream()
				.filter(r -> !r.getIdElement().getIdPart().equals(id))
				.filter(r -> header.hasVersion() || !((CodeSystem) r).hasVersion())
				.toList();
	}

	private static String resourceIdFor(CodeSystem header) {
		String id = header.getIdElement().getIdPart();
		if (id != null && RESOURCE_ID.matcher(id).matches()) {
			return id;
		}
		String url = header.getUrl();
		String name = url.substring(url.replaceAll("/+$", "").lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9\\-.]", "-");
		String derived = (name.isEmpty() ? "codesystem" : name) + (header.hasVersion() ? "-" + header.getVersion().replaceAll("[^A-Za-z0-9\\-.]", "-") : "");
		return derived.length() > 64 ? derived.substring(0, 64) : derived;
	}

	private static InputStream unzipIfCompressed(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(2);
		boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
		buffered.reset();
		return gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
	}

	private Path temporaryFile() {
		try {
			Files.createDirectories(workDir);
			return Files.createTempFile(workDir, "import-", ".json.gz");
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create a working file in " + workDir, e);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			log.warn("could not delete the working file {}: {}", file, e.getMessage());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}
}
