package org.procterm.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.procterm.content.fhir.Canonicals;
import org.procterm.store.CodeSystemContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;

/**
 * Installs the FHIR package built by the fhir-resources module at every start. HAPI's installer
 * matches resources by canonical URL and skips unchanged content, so a restart changes nothing and
 * a newer package version updates what it changed.
 */
public class BundledPackage {

	private static final Logger log = LoggerFactory.getLogger(BundledPackage.class);
	private static final String LOCATION = "/fhir-package/package.tgz";
	/** PlanDefinition and Library are not among HAPI's default install types. */
	private static final List<String> TYPES = List.of("CodeSystem", "ValueSet", "PlanDefinition", "Library");

	private final IPackageInstallerSvc installer;
	private final CodeSystemContentStore contentStore;

	public BundledPackage(IPackageInstallerSvc installer, CodeSystemContentStore contentStore) {
		this.installer = installer;
		this.contentStore = contentStore;
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

	/** Installs the package and returns its {@code name#version}. */
	public String install() {
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
		spec.setInstallResourceTypes(cptImported ? TYPES.stream().filter(t -> !t.equals("CodeSystem")).toList() : TYPES);
		installer.install(spec);
		String id = npm.name() + "#" + npm.version();
		log.debug("installed bundled package {}", id);
		return id;
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
