package org.procterm.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.procterm.config.ServerSettings;
import org.procterm.config.SettingsLoader;

import picocli.CommandLine.Option;

/** The options that say which database a command works on, shared by every command. */
public class DatabaseOptions {

	@Option(names = "--data", description = "folder for the embedded database (default ./data)")
	Path data;

	@Option(names = "--config", description = "a properties file of settings (see config/procterm.properties)")
	Path config;

	@Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/procterm (default: H2 in the data folder)")
	String dbUrl;

	@Option(names = "--db-user", description = "database user")
	String dbUser;

	/** The settings from these options layered over the environment, the config file and the defaults. */
	ServerSettings settings(Map<String, String> more) {
		Map<String, String> cli = new HashMap<>(more);
		cli.put("data", data == null ? null : data.toString());
		cli.put("db.url", dbUrl);
		cli.put("db.user", dbUser);
		return new SettingsLoader(System.getenv()).load(config, cli);
	}
}
