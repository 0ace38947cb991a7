package org.procterm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.procterm.content.cpt.AmaReleaseReader;
import org.procterm.content.cpt.CptRelease;
import org.procterm.content.cpt.ReleaseException;
import org.procterm.engine.TerminologyException;
import org.procterm.importing.ImportService;
import org.procterm.server.ProcTermContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code procterm import cpt|codesystem|package}: loads content into the database while the server is stopped. */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Import content into procterm's database (stop the server first, or use the REST operations).",
		subcommands = {ImportCommand.Cpt.class, ImportCommand.CodeSystemFile.class, ImportCommand.PackageFile.class})
public class ImportCommand implements Runnable {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}

	/** Runs {@code work} on an opened database, turning the errors a person can fix into a message and exit code 1. */
	static int withDatabase(DatabaseOptions database, Work work) {
		try (ProcTermContext context = Offline.open(database.settings(Map.of()))) {
			System.out.println(work.run(context.bean(ImportService.class)));
			return 0;
		} catch (ReleaseException | TerminologyException | IllegalStateException e) {
			System.err.println("procterm: " + e.getMessage());
			return 1;
		} catch (IOException e) {
			System.err.println("procterm: cannot read the input: " + e.getMessage());
			return 1;
		}
	}

	interface Work {
		String run(ImportService imports) throws IOException;
	}

	@Command(name = "cpt", mixinStandardHelpOptions = true,
			description = "Import a licensed CPT release from AMA's data files (LONGULT.txt and the rest; see the README).")
	static class Cpt implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "DIR", description = "the release folder, as unpacked from AMA's download")
		Path dir;

		@Option(names = "--version", required = true, description = "the CPT release this is, e.g. 2026")
		String version;

		@Mixin
		DatabaseOptions database;

		@Override
		public Integer call() {
			long started = System.nanoTime();
			try (AutoCloseableProgress progress = AutoCloseableProgress.forStandardError()) {
				CptRelease release;
				try {
					Offline.refuseIfInUse(database.settings(Map.of())); // said first: no point reading a release that cannot be stored now
					release = AmaReleaseReader.read(dir, version, progress); // every file checked before the database opens
				} catch (IllegalStateException e) {
					System.err.println("procterm: " + e.getMessage());
					return 1;
				} catch (ReleaseException e) {
					System.err.println("procterm: " + e.getMessage());
					return 1;
				}
				return withDatabase(database, imports -> imports.importCpt(release, started, progress).describe());
			}
		}
	}

	/** An import of one file into the database. */
	abstract static class FileImport implements Callable<Integer> {

		@Parameters(index = "0", paramLabel = "FILE")
		Path file;

		@Mixin
		DatabaseOptions database;

		abstract String importFile(ImportService imports) throws IOException;

		@Override
		public Integer call() {
			return withDatabase(database, this::importFile);
		}
	}

	@Command(name = "codesystem", mixinStandardHelpOptions = true,
			description = "Import a CodeSystem from a FHIR JSON file (.json or .json.gz) of any size.")
	static class CodeSystemFile extends FileImport {

		@Override
		String importFile(ImportService imports) throws IOException {
			try (InputStream in = Files.newInputStream(file); AutoCloseableProgress progress = AutoCloseableProgress.forStandardError()) {
				return imports.importCodeSystem(in, progress).describe();
			}
		}
	}

	@Command(name = "package", mixinStandardHelpOptions = true, description = "Install a FHIR NPM package (.tgz).")
	static class PackageFile extends FileImport {

		@Override
		String importFile(ImportService imports) throws IOException {
			return "Installed " + imports.importPackage(Files.readAllBytes(file));
		}
	}
}
