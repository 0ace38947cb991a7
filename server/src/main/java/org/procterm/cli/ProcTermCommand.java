package org.procterm.cli;

import org.procterm.BuildInfo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The procterm command line: {@code java -jar procterm.jar <command>}. */
@Command(name = "procterm", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
		description = "FHIR R4 terminology server for surgical procedure codes, with patient-facing explanations.",
		subcommands = {ServeCommand.class, ImportCommand.class, DiffCommand.class, MigrateCommand.class})
public class ProcTermCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}

	public static void main(String[] args) {
		System.exit(new CommandLine(new ProcTermCommand()).execute(args));
	}
}
