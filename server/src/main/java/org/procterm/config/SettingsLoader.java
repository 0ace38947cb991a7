package org.procterm.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the settings once, in layers: the defaults built into the jar (config/procterm.properties),
 * then a --config file, then PROCTERM_* environment variables, then command-line options.
 * A later layer wins. Unknown keys and malformed values stop the start with a clear message.
 */
public final class SettingsLoader {

	private static final String DEFAULTS = "/procterm.properties";

	private final Map<String, String> environment;

	public SettingsLoader(Map<String, String> environment) {
		this.environment = environment;
	}

	public ServerSettings load(Path configFile, Map<String, String> commandLine) {
		Map<String, String> values = defaults();
		if (configFile != null) {
			Map<String, String> fromFile = read(configFile);
			for (String key : fromFile.keySet()) {
				if (!values.containsKey(key)) {
					throw new SettingsException("Unknown setting '" + key + "' in " + configFile + "; known settings: "
							+ String.join(", ", new TreeSet<>(values.keySet())));
				}
			}
			values.putAll(fromFile);
		}
		for (String key : values.keySet()) {
			String fromEnv = environment.get(environVariable(key));
			if (fromEnv != null) {
				values.put(key, fromEnv);
			}
		}
		commandLine.forEach((key, value) -> {
			if (value != null) {
				values.put(key, value);
			}
		});
		return toSettings(values);
	}

	/** PROCTERM_ + the key in capitals with dots and dashes as underscores: db.url becomes PROCTERM_DB_URL. */
	public static String environVariable(String key) {
		return "PROCTERM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	private ServerSettings toSettings(Map<String, String> v) {
		Path data = Path.of(v.get("data")).toAbsolutePath().normalize();
		String dbUrl = blankToNull(v.get("db.url"));
		if (dbUrl == null) {
			// async: H2 reads and writes through an AsynchronousFileChannel, which an interrupted thread cannot
			// close (a plain FileChannel closes on Thread.interrupt, and H2's store then fails until restart)
			dbUrl = "jdbc:h2:async:" + data.resolve("procterm");
		}
		dbUrl = durable(dbUrl);
		int port = integer(v, "port");
		if (port < 0 || port > 65535) {
			throw new SettingsException("port must be between 0 and 65535, not " + port);
		}
		int maxExpansion = integer(v, "expansion.max-size");
		if (maxExpansion < 1) {
			throw new SettingsException("expansion.max-size must be at least 1, not " + maxExpansion);
		}
		RequestLimits limits = new RequestLimits(kilobytes(v, "limits.operation-body-kb"), megabytes(v, "limits.write-body-mb"),
				megabytes(v, "limits.import-body-mb"), java.time.Duration.ofMillis(positive(v, "limits.operation-ms")),
				positive(v, "limits.archive-files"), megabytes(v, "limits.archive-file-mb"), megabytes(v, "limits.archive-total-mb"),
				positive(v, "limits.archive-ratio"), java.time.Duration.ofMillis(positive(v, "limits.start-wait-ms")));
		CorsSettings cors = new CorsSettings(list(v, "cors.allowed-origins"));
		return new ServerSettings(v.get("host"), port, data, dbUrl, blankToNull(v.get("db.user")),
				blankToNull(v.get("db.password")), blankToNull(v.get("admin.token")), maxExpansion,
				bool(v, "scheduling.enabled"), limits, cors, licence(v), bool(v, "log.access"),
				bool(v, "terminology.core.enabled"), resourceTypes(v));
	}

	private static LicenceSettings licence(Map<String, String> v) {
		String issuer = blankToNull(v.get("licence.jwt-issuer"));
		String jwks = blankToNull(v.get("licence.jwt-jwks-url"));
		String scope = blankToNull(v.get("licence.jwt-scope"));
		int given = (issuer == null ? 0 : 1) + (jwks == null ? 0 : 1) + (scope == null ? 0 : 1);
		if (given != 0 && given != 3) {
			throw new SettingsException("licence.jwt-issuer, licence.jwt-jwks-url and licence.jwt-scope go together: set all three, or none");
		}
		java.net.URI jwksUrl = null;
		if (jwks != null) {
			try {
				jwksUrl = new java.net.URI(jwks);
			} catch (java.net.URISyntaxException e) {
				throw new SettingsException("licence.jwt-jwks-url must be a URL, not '" + jwks + "'");
			}
			boolean loopback = "http".equals(jwksUrl.getScheme()) && jwksUrl.getHost() != null
					&& (jwksUrl.getHost().equals("localhost") || jwksUrl.getHost().startsWith("127.") || jwksUrl.getHost().equals("[::1]"));
			if (!"https".equals(jwksUrl.getScheme()) && !loopback) {
				// over plain http anyone on the way could swap the keys and forge licence tokens
				throw new SettingsException("licence.jwt-jwks-url must be an https URL (plain http only on this machine), not '" + jwks + "'");
			}
		}
		return new LicenceSettings(list(v, "licence.restricted-systems"), list(v, "licence.tokens"), issuer, jwksUrl, scope,
				blankToNull(v.get("licence.jwt-audience")));
	}

	/**
	 * R4's resource type names, from the list HAPI's FhirContext reads them from: building a whole
	 * FhirContext here (its model scan, some 0.3 s) would delay every start, and the server builds its own.
	 */
	private static java.util.Set<String> r4ResourceTypes() {
		java.util.Properties listed = new java.util.Properties();
		try (java.io.InputStream in = ca.uhn.fhir.context.FhirVersionEnum.R4.getVersionImplementation().getFhirVersionPropertiesFile()) {
			listed.load(in);
		} catch (java.io.IOException e) {
			throw new IllegalStateException("HAPI's list of FHIR R4 resource types cannot be read", e);
		}
		return listed.stringPropertyNames().stream().filter(k -> k.startsWith("resource.")).map(k -> k.substring("resource.".length()))
				.collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

	/** store.resource-types: * for every type (null), else the types named (each a FHIR resource type name). */
	private static java.util.Set<String> resourceTypes(Map<String, String> v) {
		java.util.Set<String> types = list(v, "store.resource-types");
		if (types.contains("*")) {
			return null;
		}
		java.util.Set<String> r4 = r4ResourceTypes();
		for (String type : types) {
			if (!r4.contains(type)) {
				throw new SettingsException("store.resource-types holds FHIR R4 resource type names such as Questionnaire, or *, not '" + type + "'");
			}
		}
		return types;
	}

	/** A comma-separated setting, each item trimmed, empty items dropped. */
	private static java.util.Set<String> list(Map<String, String> v, String key) {
		return java.util.Arrays.stream(v.get(key).split(",")).map(String::trim).filter(o -> !o.isEmpty())
				.collect(java.util.stream.Collectors.toSet());
	}

	/**
	 * H2 writes a commit to its file up to WRITE_DELAY (500 ms) after it returns, so a 200 could be
	 * lost to a crash in that window. With 0 the commit is written before it returns: an acknowledged
	 * write survives the process being killed (not a power loss, which needs PostgreSQL's fsync).
	 */
	static String durable(String dbUrl) {
		boolean h2File = dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:h2:mem:");
		String upper = dbUrl.toUpperCase(Locale.ROOT);
		String url = h2File && !upper.contains("WRITE_DELAY") ? dbUrl + ";WRITE_DELAY=0" : dbUrl;
		// H2 otherwise keeps a procterm.trace.db of the errors it reports, which procterm reports itself
		url = h2File && !upper.contains("TRACE_LEVEL_FILE") ? url + ";TRACE_LEVEL_FILE=0" : url;
		// H2 otherwise closes the database from its own shutdown hook, beside procterm's orderly stop: HAPI's
		// background writes still finishing then fail with stack traces ("open in exclusive mode"). The pool's
		// close at the end of the stop closes it instead (and a crash leaves it as H2 recovers it anyway).
		return h2File && !upper.contains("DB_CLOSE_ON_EXIT") ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
	}

	private static Map<String, String> defaults() {
		try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS)) {
			if (in == null) {
				throw new IllegalStateException(DEFAULTS + " is missing from the classpath; the build copies it from config/");
			}
			Properties p = new Properties();
			p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
			return toMap(p);
		} catch (IOException e) {
			throw new IllegalStateException("cannot read built-in defaults", e);
		}
	}

	private static Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new SettingsException("Config file " + file + " does not exist");
		}
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Properties p = new Properties();
			p.load(r);
			return toMap(p);
		} catch (IOException e) {
			throw new SettingsException("Cannot read config file " + file + ": " + e.getMessage());
		}
	}

	private static Map<String, String> toMap(Properties p) {
		Map<String, String> map = new LinkedHashMap<>();
		p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
		return map;
	}

	private static int integer(Map<String, String> v, String key) {
		try {
			return Integer.parseInt(v.get(key));
		} catch (NumberFormatException e) {
			throw new SettingsException(key + " must be a whole number, not '" + v.get(key) + "'");
		}
	}

	private static int positive(Map<String, String> v, String key) {
		int value = integer(v, key);
		if (value < 1) {
			throw new SettingsException(key + " must be at least 1, not " + value);
		}
		return value;
	}

	private static long kilobytes(Map<String, String> v, String key) {
		return positive(v, key) * 1024L;
	}

	private static long megabytes(Map<String, String> v, String key) {
		return positive(v, key) * 1024L * 1024L;
	}

	private static boolean bool(Map<String, String> v, String key) {
		String value = v.get(key).toLowerCase(Locale.ROOT);
		if (!value.equals("true") && !value.equals("false")) {
			throw new SettingsException(key + " must be true or false, not '" + v.get(key) + "'");
		}
		return Boolean.parseBoolean(value);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	/** A setting a person must fix before the server can start. */
	public static final class SettingsException extends RuntimeException {
		public SettingsException(String message) {
			super(message);
		}
	}
}
