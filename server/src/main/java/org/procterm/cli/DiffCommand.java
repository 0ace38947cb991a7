package org.procterm.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.procterm.config.ServerSettings;
import org.procterm.content.fhir.Canonicals;
import org.procterm.engine.Access;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.server.ProcTermContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code procterm diff cpt 2025 2026}: what changed between two versions of a code system. */
@Command(name = "diff", mixinStandardHelpOptions = true,
		description = "List the codes added, deleted and revised between two versions of a code system.")
public class DiffCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "SYSTEM", description = "'cpt', or the code system's canonical URL")
	String system;

	@Parameters(index = "1", paramLabel = "FROM", description = "the older version, e.g. 2025")
	String from;

	@Parameters(index = "2", paramLabel = "TO", description = "the newer version, e.g. 2026")
	String to;

	@Option(names = "--json", description = "print JSON instead of a table")
	boolean json;

	@Mixin
	DatabaseOptions database;

	@Override
	public Integer call() throws Exception {
		String url = system.equalsIgnoreCase("cpt") ? Canonicals.CPT : system;
		ServerSettings settings = database.settings(Map.of());
		try {
			Optional<CodeSystemDiff> imported = Offline.importedDiff(settings, url, from, to);
			CodeSystemDiff diff = imported.isPresent() ? imported.get() : fromTheWholeStore(settings, url);
			System.out.println(json
					? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(diff)
					: DiffTable.render(diff));
			return 0;
		} catch (TerminologyException | IllegalStateException e) {
			System.err.println("procterm: " + e.getMessage());
			return 1;
		}
	}

	/** Versions stored with a plain PUT live in HAPI's tables: the engine reads them as the server does. */
	private CodeSystemDiff fromTheWholeStore(ServerSettings settings, String url) {
		try (ProcTermContext context = Offline.open(settings)) {
			return context.bean(TerminologyEngine.class).diff(Access.LICENSED, url, from, to); // the operator of the database holds its licence
		}
	}
}
