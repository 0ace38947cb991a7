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

	private static final Properties BUILD = read();

	public static final String VERSION = BUILD.getProperty("version", "development");

	/** The day this build was made (yyyy-MM-dd), or null when run from unbuilt classes. */
	public static final String RELEASE_DATE = BUILD.getProperty("releaseDate", "").matches("\\d{4}-\\d{2}-\\d{2}")
			? BUILD.getProperty("releaseDate") : null;

	@Override
	public String[] getVersion() {
		return new String[] {"procterm " + VERSION};
	}

	private static Properties read() {
		Properties p = new Properties();
		try (InputStream in = BuildInfo.class.getResourceAsStream("/procterm-build.properties")) {
			if (in != null) {
				p.load(in);
			}
		} catch (IOException e) {
			// an unreadable build record: the version is "development"
		}
		return p;
	}
}
