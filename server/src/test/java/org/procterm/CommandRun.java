package org.procterm;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.procterm.cli.ProcTermCommand;

import picocli.CommandLine;

/** A procterm command run in this JVM, as a person would type it, with what it printed. */
public record CommandRun(int exit, String out, String err) {

	public static CommandRun of(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
			int exit = new CommandLine(new ProcTermCommand()).execute(args);
			return new CommandRun(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
		} finally {
			System.setOut(out);
			System.setErr(err);
		}
	}
}
