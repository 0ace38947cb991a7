package org.procterm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The procterm command line: {@code java -jar procterm.jar <command>}. */
@Command(name = "procterm", mixinStandardHelpOptions = true, version = "procterm 0.1.0",
		description = "FHIR R4 terminology server for surgical procedure codes, with patient-facing explanations.",
		subcommands = {ServeCommand.class, ImportCommand.class, DiffCommand.class})
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
