package org.procterm.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.procterm.config.ServerSettings;
import org.procterm.config.SettingsLoader;
import org.procterm.server.ProcTermServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code procterm serve}: starts the server and runs until stopped (Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Start the FHIR terminology server with its bundled content.%n"
				+ "Every option can also be set in the config file or by a PROCTERM_* environment variable.")
public class ServeCommand implements Callable<Integer> {

	@Option(names = "--host", description = "address to listen on (default 127.0.0.1)")
	String host;

	@Option(names = "--port", description = "port to listen on (default 8080; 0 picks a free one)")
	Integer port;

	@Mixin
	DatabaseOptions database;

	@Override
	public Integer call() throws Exception {
		Map<String, String> cli = new HashMap<>();
		cli.put("host", host);
		cli.put("port", port == null ? null : port.toString());
		ServerSettings settings;
		try {
			settings = database.settings(cli);
		} catch (SettingsLoader.SettingsException e) {
			System.err.println("procterm: " + e.getMessage());
			return 2;
		}
		ProcTermServer server;
		try {
			server = ProcTermServer.begin(settings);
			// from here: a restart serves terminology while the rest of the start goes on, and a stop then is graceful too
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				} catch (Exception e) {
					System.err.println("procterm: error while stopping: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
				}
			}, "procterm-shutdown"));
			server.awaitStarted();
		} catch (IllegalStateException e) { // a state a person must change first, e.g. a schema to migrate
			System.err.println("procterm: " + e.getMessage());
			return 1;
		}
		server.join();
		return 0;
	}
}
