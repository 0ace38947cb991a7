package org.procterm.content;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.Resource;
import org.procterm.content.fhir.ContentPackage;
import org.procterm.content.fhir.PackageWriter;
import org.procterm.content.model.Procedure;
import org.procterm.content.parse.ContentException;
import org.procterm.content.parse.ContentLoader;

import ca.uhn.fhir.context.FhirContext;

/**
 * The build step of fhir-resources: authored procedures in, FHIR package folder out.
 * {@code BuildContentPackage <procedures dir> <output dir> <package name> <package version>}
 */
public final class BuildContentPackage {

	private BuildContentPackage() {}

	public static void main(String[] args) throws Exception {
		if (args.length != 4) {
			throw new IllegalArgumentException("usage: BuildContentPackage <procedures dir> <output dir> <package name> <package version>");
		}
		List<Procedure> procedures;
		try {
			procedures = new ContentLoader().load(Path.of(args[0]));
		} catch (ContentException e) {
			System.err.println("The patient content has " + e.errors().size() + " problem(s):");
			e.errors().forEach(err -> System.err.println("  " + err));
			// thrown, not System.exit: this runs inside the Maven JVM
			throw new IllegalStateException("fix the content problems listed above", e);
		}
		List<Resource> resources = ContentPackage.resources(procedures, args[3]);
		new PackageWriter(FhirContext.forR4Cached()).write(Path.of(args[1]), args[2], args[3],
				"procterm bundled content: spine procedure codes with plain-language patient information", resources);
		System.out.printf(Locale.ROOT, "FHIR package %s#%s: %d procedures, %d resources%n", args[2], args[3], procedures.size(), resources.size());
	}
}
