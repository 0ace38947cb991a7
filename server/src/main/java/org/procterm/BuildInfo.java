package org.procterm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version this build was made as, from {@code procterm-build.properties} (filtered by Maven), so
 * the CLI and TerminologyCapabilities never disagree; "development" when run from unbuilt classes.
 */
public final class BuildInfo implements IVersionProvider {

	public static final String VERSION = read();

	@Override
	public String[] getVersion() {
		return new String[] {"procterm " + VERSION};
	}

	private static String read() {
		try (InputStream in = BuildInfo.class.getResourceAsStream("/procterm-build.properties")) {
			Properties p = new Properties();
			if (in != null) {
				p.load(in);
			}
			return p.getProperty("version", "development");
		} catch (IOException e) {
			return "development";
		}
	}
}
