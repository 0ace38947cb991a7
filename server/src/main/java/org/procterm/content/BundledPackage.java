package org.procterm.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.procterm.content.fhir.Canonicals;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.InstalledPackages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;

/**
 * Installs the FHIR package built by the fhir-resources module when it differs from the one last
 * installed (its SHA-256, or a resource type not installed from it before): at the first start, and
 * at the first start of a procterm with other bundled content. HAPI's installer matches resources by
 * canonical URL, so a newer package updates what it changed. A restart of the same procterm
 * installs nothing, so it also leaves an operator's edits to bundled resources as they are.
 */
public class BundledPackage {

	private static final Logger log = LoggerFactory.getLogger(BundledPackage.class);
	private static final String LOCATION = "/fhir-package/package.tgz";
	/** PlanDefinition and Library are not among HAPI's default install types. */
	private static final List<String> TYPES = List.of("CodeSystem", "ValueSet", "PlanDefinition", "Library");

	private final CodeSystemContentStore contentStore;
	private final InstalledPackages installed;

	/** What a start installs: the package, and whether the database holds it already. */
	public record Plan(String id, PackageInstallationSpec spec, String name, InstalledPackages.Install install, boolean needed) {}

	public BundledPackage(CodeSystemContentStore contentStore, InstalledPackages installed) {
		this.contentStore = contentStore;
		this.installed = installed;
	}

	/**
	 * The authored CPT CodeSystem of the package: the sample codes with procterm's patient layer,
	 * which a CPT release import carries over into every code it covers.
	 */
	public CodeSystem cptPatientLayer() {
		try {
			NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(read()));
			for (String file : npm.listResources("CodeSystem")) {
				try (InputStream in = npm.loadResource(file)) {
					CodeSystem cs = (CodeSystem) FhirContext.forR4Cached().newJsonParser().parseResource(in);
					if (Canonicals.CPT.equals(cs.getUrl())) {
						return cs;
					}
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException("The bundled FHIR package " + LOCATION + " cannot be read", e);
		}
		throw new IllegalStateException("The bundled FHIR package has no CPT CodeSystem");
	}

	/**
	 * Whether the package needs installing: not when this content was the last installed. Read with
	 * plain SQL, so a start knows before HAPI's store opens whether it can serve at once.
	 */
	public Plan plan() {
		byte[] bytes = read();
		NpmPackage npm;
		try {
			npm = NpmPackage.fromPackage(new ByteArrayInputStream(bytes));
		} catch (IOException e) {
			throw new IllegalStateException("The bundled FHIR package " + LOCATION + " is not a valid package", e);
		}
		PackageInstallationSpec spec = new PackageInstallationSpec()
				.setName(npm.name())
				.setVersion(npm.version())
				.setPackageContents(bytes)
				.setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
				.setFetchDependencies(false) // offline: the package needs only the FHIR core definitions
				// one current version of each bundled resource, under its own id (PlanDefinition/cpt-22210-plan);
				// a newer package replaces it in place. Side-by-side CPT years come from release imports instead.
				.setVersionPolicy(PackageInstallationSpec.VersionPolicyEnum.SINGLE_VERSION);
		// once a licensed release is imported it replaces the sample, which must not come back at the next start
		boolean cptImported = contentStore.holds(Canonicals.CPT);
		List<String> types = cptImported ? TYPES.stream().filter(t -> !t.equals("CodeSystem")).toList() : TYPES;
		spec.setInstallResourceTypes(types);
		InstalledPackages.Install now = new InstalledPackages.Install(sha256(bytes), String.join(",", types));
		// a CPT release imported since takes CodeSystem off the types: what was installed still covers the rest
		boolean needed = installed.last(npm.name()).filter(last -> last.covers(now)).isEmpty();
		return new Plan(npm.name() + "#" + npm.version(), spec, npm.name(), now, needed);
	}

	/**
	 * Installs the package with HAPI's installer unless this content was the last installed, and
	 * returns its {@code name#version}. Planned again here, not from an earlier {@link #plan()}: on a
	 * shared database another node may have imported a CPT release since.
	 */
	public String install(IPackageInstallerSvc installer) {
		Plan plan = plan();
		if (!plan.needed()) {
			log.info("  bundled content {} already installed", plan.id());
			return plan.id();
		}
		installer.install(plan.spec());
		installed.record(plan.name(), plan.install());
		log.info("  bundled content {} installed", plan.id());
		return plan.id();
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}

	private static byte[] read() {
		try (InputStream in = BundledPackage.class.getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(LOCATION + " is not on the classpath; build the fhir-resources module first");
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read " + LOCATION, e);
		}
	}
}
