package org.procterm.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Which code system version an operation uses, from the {@code system-version} (a default when
 * nothing else says), {@code force-system-version} (wins over everything) and
 * {@code check-system-version} (must match what was chosen) parameters, each {@code url|version}.
 * Versions may use wildcards: {@code 1.x} or {@code 1.*} match any 1.something. {@code date} (null
 * for today's content) chooses, where no version is given, the version in effect on that day.
 * {@code valueSets} ({@code default-valueset-version}, {@code url|version}) is the version of a value
 * set to import where the importing value set names none.
 */
public record VersionRules(Map<String, String> defaults, Map<String, String> forced, Map<String, String> checks, LocalDate date,
		Map<String, String> valueSets) {

	public static final VersionRules NONE = new VersionRules(Map.of(), Map.of(), Map.of(), null, Map.of());

	public VersionRules {
		defaults = Map.copyOf(defaults);
		forced = Map.copyOf(forced);
		checks = Map.copyOf(checks);
		valueSets = Map.copyOf(valueSets);
	}

	public VersionRules(Map<String, String> defaults, Map<String, String> forced, Map<String, String> checks, LocalDate date) {
		this(defaults, forced, checks, date, Map.of());
	}

	/** These rules, importing the value sets named at the versions given ({@code default-valueset-version} values, url|version). */
	public VersionRules withValueSetVersions(List<String> defaultValueSetVersion) {
		return defaultValueSetVersion.isEmpty() ? this
				: new VersionRules(defaults, forced, checks, date, map("default-valueset-version", defaultValueSetVersion));
	}

	/** From the canonical parameter values ({@code url|version}); a value without a version is a client mistake. */
	public static VersionRules of(List<String> systemVersion, List<String> forceSystemVersion, List<String> checkSystemVersion) {
		return new VersionRules(map("system-version", systemVersion), map("force-system-version", forceSystemVersion),
				map("check-system-version", checkSystemVersion), null);
	}

	/** These rules, choosing versions as they were on {@code date} (null: today). */
	public VersionRules on(LocalDate date) {
		return new VersionRules(defaults, forced, checks, date, valueSets);
	}

	private static Map<String, String> map(String parameter, List<String> values) {
		Map<String, String> byUrl = new java.util.HashMap<>();
		for (String value : values) {
			Canonical c = Canonical.parse(value);
			if (c.version() == null) {
				throw TerminologyException.invalid(parameter + " takes url|version, e.g. http://www.ama-assn.org/go/cpt|2026; got '" + c.url() + "'");
			}
			if (byUrl.put(c.url(), c.version()) != null) {
				throw TerminologyException.invalid(parameter + " names " + c.url() + " twice");
			}
		}
		return byUrl;
	}

	/**
	 * These rules with the checks applied later, to the version a coding is finally judged in: a
	 * value set taking versions by a pattern (1.x) may hold the coding's own version where its
	 * latest fails the check. A checked version still chooses where nothing else does.
	 */
	public VersionRules checkedLater() {
		if (checks.isEmpty()) {
			return this;
		}
		Map<String, String> chosen = new java.util.HashMap<>(checks);
		chosen.putAll(defaults);
		return new VersionRules(chosen, forced, Map.of(), date, valueSets);
	}

	/** The version to use for {@code system} when the request or value set asked for {@code stated} (may be null). */
	public String choose(String system, String stated) {
		if (forced.containsKey(system)) {
			return forced.get(system);
		}
		if (stated != null) {
			return stated;
		}
		// a version the client will check for is also the one to pick where nothing else says
		return defaults.containsKey(system) ? defaults.get(system) : checks.get(system);
	}

	/** A check-system-version failure, or null when {@code version} of {@code system} passes the checks (or none applies). */
	public Message checkFailure(String system, String version) {
		String required = checks.get(system);
		if (required == null || matches(required, version)) {
			return null;
		}
		return Messages.VERSION_CHECK_FAILED.say(version, system, required);
	}

	/** Versions as a reader lists them: "1.0.0", "1.0.0 or 1.2.0", "2024, 2025 or 2026" ("" stands for no version). */
	public static String orList(List<String> versions) {
		List<String> shown = versions.stream().map(v -> v.isEmpty() ? "(none)" : v).toList();
		return joinedWithOr(shown);
	}

	public static String joinedWithOr(List<String> shown) {
		if (shown.size() <= 1) {
			return String.join("", shown);
		}
		return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
	}

	/** True when {@code version} is a wildcard pattern rather than one version. */
	public static boolean isPattern(String version) {
		return version != null && (version.contains("x") || version.contains("*")) && version.contains(".");
	}

	/** Whether {@code version} matches {@code pattern} ({@code 1.x.x}, {@code 1.*}, or an exact version). */
	public static boolean matches(String pattern, String version) {
		if (pattern == null) {
			return true;
		}
		if (version == null) {
			return false;
		}
		if (!isPattern(pattern)) {
			return pattern.equals(version);
		}
		String[] p = pattern.split("\\.");
		String[] v = version.split("\\.");
		for (int i = 0; i < p.length; i++) {
			if (p[i].equals("x") || p[i].equals("*")) {
				continue;
			}
			if (i >= v.length || !p[i].equals(v[i])) {
				return false;
			}
		}
		return true;
	}
}
