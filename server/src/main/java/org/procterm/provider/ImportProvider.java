package org.procterm.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.config.RequestLimits;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.procterm.content.Progress;
import org.procterm.content.cpt.ReleaseException;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.importing.ImportService;
import org.procterm.importing.ImportSummary;
import org.procterm.importing.ReleaseArchive;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Imports and diffs over REST, for a running server. Each import takes its content as the raw
 * request body (HAPI does not parse it), so a code system of any size streams to disk instead of
 * being held as one FHIR object: {@code POST CodeSystem/$import} (CodeSystem JSON, gzip allowed),
 * {@code POST CodeSystem/$import-cpt?version=2026} (a zip of the release folder), and
 * {@code POST $import-package} (an NPM .tgz). Writes need the admin token like every other write.
 */
public class ImportProvider {

	/** HAPI's store opens after this provider is made: the service comes with it. */
	private final java.util.function.Supplier<ImportService> imports;
	private final TerminologyEngine engine;
	private final Path workDir;
	private final RequestLimits limits;

	public ImportProvider(java.util.function.Supplier<ImportService> imports, TerminologyEngine engine, Path workDir, RequestLimits limits) {
		this.imports = imports;
		this.engine = engine;
		this.workDir = workDir;
		this.limits = limits;
	}

	@Operation(name = "$import", type = CodeSystem.class, manualRequest = true)
	public Parameters importCodeSystem(HttpServletRequest request) throws IOException {
		return summary(imports.get().importCodeSystem(request.getInputStream(), Progress.NONE));
	}

	@Operation(name = "$import-cpt", type = CodeSystem.class, manualRequest = true)
	public Parameters importCpt(HttpServletRequest request) throws IOException {
		String version = request.getParameter("version");
		if (version == null || version.isBlank()) {
			throw new InvalidRequestException("$import-cpt needs the release version as a parameter, e.g. ?version=2026");
		}
		Files.createDirectories(workDir);
		Path folder = Files.createTempDirectory(workDir, "cpt-release-");
		try {
			Path release = ReleaseArchive.unzip(request.getInputStream(), folder, limits);
			return summary(imports.get().importCpt(release, version, Progress.NONE));
		} catch (ReleaseException e) {
			throw releaseProblems(e);
		} finally {
			ReleaseArchive.delete(folder);
		}
	}

	@Operation(name = "$import-package", manualRequest = true)
	public Parameters importPackage(HttpServletRequest request) throws IOException {
		return new Parameters().addParameter("package", imports.get().importPackage(request.getInputStream().readAllBytes()));
	}

	@Operation(name = "$diff", type = CodeSystem.class, idempotent = true)
	public Parameters diff(
			@OperationParam(name = "url", min = 1, max = 1) UriType url,
			@OperationParam(name = "from", min = 1, max = 1) StringType from,
			@OperationParam(name = "to", min = 1, max = 1) StringType to,
			ca.uhn.fhir.rest.api.server.RequestDetails request) {
		// a public client compares what it may see: codes added and deleted, and changes to open texts only
		CodeSystemDiff diff = engine.diff(TerminologyResourceProvider.access(request), url == null ? null : url.getValue(), from == null ? null : from.getValue(),
				to == null ? null : to.getValue()); // the engine refuses a missing one
		Parameters out = new Parameters();
		out.addParameter("url", new UriType(diff.url()));
		out.addParameter("from", diff.fromVersion());
		out.addParameter("to", diff.toVersion());
		diff.added().forEach(a -> out.addParameter().setName("added")
				.addPart(new Parameters.ParametersParameterComponent().setName("code").setValue(new StringType(a.code())))
				.addPart(new Parameters.ParametersParameterComponent().setName("display").setValue(new StringType(a.display()))));
		diff.deleted().forEach(d -> out.addParameter().setName("deleted")
				.addPart(new Parameters.ParametersParameterComponent().setName("code").setValue(new StringType(d.code())))
				.addPart(new Parameters.ParametersParameterComponent().setName("display").setValue(new StringType(d.display()))));
		for (CodeSystemDiff.Revised r : diff.revised()) {
			Parameters.ParametersParameterComponent revised = out.addParameter().setName("revised");
			revised.addPart().setName("code").setValue(new StringType(r.code()));
			for (CodeSystemDiff.Change c : r.changes()) {
				Parameters.ParametersParameterComponent change = revised.addPart().setName("change");
				change.addPart().setName("descriptor").setValue(new StringType(c.descriptor()));
				if (c.before() != null) {
					change.addPart().setName("before").setValue(new StringType(c.before()));
				}
				if (c.after() != null) {
					change.addPart().setName("after").setValue(new StringType(c.after()));
				}
			}
		}
		return out;
	}

	private static Parameters summary(ImportSummary s) {
		Parameters out = new Parameters();
		out.addParameter("resource", "CodeSystem/" + s.resourceId());
		out.addParameter("url", new UriType(s.url()));
		if (s.version() != null) {
			out.addParameter("version", s.version());
		}
		out.addParameter("concepts", new IntegerType(s.concepts()));
		if (s.counts() != null) {
			out.addParameter("codes", new IntegerType(s.counts().codes()));
			out.addParameter("designations", new IntegerType(s.counts().designations()));
			out.addParameter("modifiers", new IntegerType(s.counts().modifiers()));
			out.addParameter("inactive", new IntegerType(s.counts().inactive()));
		}
		out.addParameter("unchanged", new BooleanType(s.unchanged()));
		out.addParameter("seconds", new DecimalType(String.format(Locale.ROOT, "%.3f", s.seconds())));
		out.addParameter("summary", s.describe());
		return out;
	}

	/** One OperationOutcome issue per problem, each naming its file and line. */
	private static InvalidRequestException releaseProblems(ReleaseException e) {
		OperationOutcome oo = new OperationOutcome();
		e.problems().forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p.toString())
				.addLocation(p.file() + (p.line() > 0 ? ":" + p.line() : "")));
		return new InvalidRequestException(e.getMessage(), oo);
	}
}
