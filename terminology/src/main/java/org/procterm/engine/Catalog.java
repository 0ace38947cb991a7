package org.procterm.engine;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.valueset.Expansion;

/**
 * Everything the engine serves at one moment: code system versions and value set versions by
 * canonical URL. Immutable: a change builds a new catalog and swaps it in, so a request sees one
 * consistent state and the expansion cache can never outlive the content it was computed from.
 */
final class Catalog implements ContentSource {

	/** Stands for "no version" in the version maps, which cannot hold null keys. */
	private static final String NO_VERSION = "";

	private record Key(String kind, String url, String version) {}

	private final Map<String, NavigableMap<String, CodeSystemIndex>> codeSystems;
	private final Map<String, NavigableMap<String, ValueSet>> valueSets;
	private final Map<String, Key> keysByResourceId;
	/** FHIR's own terminology, asked only for what the stored content does not hold. */
	private final BuiltInTerminology builtIn;
	private final Map<String, Expansion> expansionCache = new ConcurrentHashMap<>();
	/** Catalogs with supplements merged in, by the supplements' canonicals: built once, as expansions are. */
	private final Map<List<String>, Catalog> supplemented = new ConcurrentHashMap<>();
	/** This catalog as public clients see it (see {@link #publicView}), built on first use. */
	private volatile Catalog publicView;
	/** A merged catalog copies the concept maps of the systems it supplements, so only a few are kept. */
	private static final int MAX_SUPPLEMENTED = 8;

	private Catalog(Map<String, NavigableMap<String, CodeSystemIndex>> codeSystems,
			Map<String, NavigableMap<String, ValueSet>> valueSets, Map<String, Key> keysByResourceId, BuiltInTerminology builtIn) {
		this.builtIn = builtIn;
		this.codeSystems = codeSystems;
		this.valueSets = valueSets;
		this.keysByResourceId = keysByResourceId;
	}

	static Catalog empty(BuiltInTerminology builtIn) {
		return new Catalog(Map.of(), Map.of(), Map.of(), builtIn);
	}

	Catalog withCodeSystem(String resourceId, CodeSystemIndex index) {
		Catalog base = without(resourceId);
		Key key = new Key("CodeSystem", index.url(), versionKey(index.version()));
		return new Catalog(put(base.codeSystems, key, index), base.valueSets, putKey(base.keysByResourceId, resourceId, key), builtIn);
	}

	Catalog withValueSet(String resourceId, ValueSet valueSet) {
		Catalog base = without(resourceId);
		Key key = new Key("ValueSet", valueSet.getUrl(), versionKey(valueSet.getVersion()));
		return new Catalog(base.codeSystems, put(base.valueSets, key, valueSet.copy()), putKey(base.keysByResourceId, resourceId, key), builtIn);
	}

	Catalog without(String resourceId) {
		Key key = keysByResourceId.get(resourceId);
		if (key == null) {
			return this;
		}
		Map<String, Key> keys = new HashMap<>(keysByResourceId);
		keys.remove(resourceId);
		if (key.kind().equals("CodeSystem")) {
			return new Catalog(remove(codeSystems, key), valueSets, Map.copyOf(keys), builtIn);
		}
		return new Catalog(codeSystems, remove(valueSets, key), Map.copyOf(keys), builtIn);
	}

	java.util.Set<String> resourceIds() {
		return keysByResourceId.keySet();
	}

	/** The requested version (or the latest one matching a pattern such as 1.x), or the latest when {@code version} is null. */
	@Override
	public Optional<CodeSystemIndex> codeSystem(String url, String version) {
		Optional<CodeSystemIndex> stored = pick(codeSystems.get(url), version);
		return stored.isPresent() ? stored : builtIn.codeSystem(url, version);
	}

	@Override
	public Optional<ValueSet> valueSet(String url, String version) {
		Optional<ValueSet> stored = pick(valueSets.get(url), version);
		return stored.isPresent() ? stored : builtIn.valueSet(url, version);
	}

	@Override
	public Optional<CodeSystemIndex> codeSystemOn(String url, LocalDate date) {
		return codeSystems.containsKey(url) ? pickOn(codeSystems.get(url), date, CodeSystemIndex::effectiveFrom) : builtIn.codeSystem(url, null);
	}

	@Override
	public Optional<ValueSet> valueSetOn(String url, LocalDate date) {
		return valueSets.containsKey(url) ? pickOn(valueSets.get(url), date, EffectiveDates::of) : builtIn.valueSet(url, null);
	}

	/** Each version of code system {@code url} with the day it takes effect (null when it states none), oldest first. */
	Map<String, LocalDate> codeSystemEffectiveDates(String url) {
		Map<String, LocalDate> dates = new java.util.LinkedHashMap<>();
		codeSystems.getOrDefault(url, Collections.emptyNavigableMap()).forEach((v, cs) -> dates.put(v, cs.effectiveFrom()));
		return dates;
	}

	@Override
	public List<String> codeSystemVersions(String url) {
		NavigableMap<String, CodeSystemIndex> versions = codeSystems.get(url);
		List<String> stored = versions == null ? List.of() : List.copyOf(versions.keySet());
		Optional<String> core = builtIn.codeSystemVersion(url).filter(v -> !stored.contains(v));
		if (core.isEmpty()) {
			return stored;
		}
		java.util.TreeSet<String> all = new java.util.TreeSet<>(VersionOrder.INSTANCE);
		all.addAll(stored);
		all.add(core.get());
		return List.copyOf(all);
	}

	/**
	 * This catalog as a client without the licence sees it: each version {@code licence} restricts is
	 * replaced by its redacted twin (built once per version, so a new catalog after a change reuses
	 * the twins of the versions it did not change); everything else is the same instance as here.
	 */
	Catalog publicView(LicensedContent licence) {
		Catalog known = publicView;
		if (known != null) {
			return known;
		}
		Map<String, NavigableMap<String, CodeSystemIndex>> view = new HashMap<>(codeSystems);
		boolean changed = false;
		for (Map.Entry<String, NavigableMap<String, CodeSystemIndex>> system : codeSystems.entrySet()) {
			if (!licence.restrictedSystems().contains(system.getKey())) {
				continue;
			}
			NavigableMap<String, CodeSystemIndex> versions = new TreeMap<>(VersionOrder.INSTANCE);
			for (Map.Entry<String, CodeSystemIndex> v : system.getValue().entrySet()) {
				CodeSystemIndex index = licence.restricts(v.getValue()) ? v.getValue().redacted(licence) : v.getValue();
				changed |= index != v.getValue();
				versions.put(v.getKey(), index);
			}
			view.put(system.getKey(), Collections.unmodifiableNavigableMap(versions));
		}
		Catalog result = changed ? new Catalog(Collections.unmodifiableMap(view), valueSets, keysByResourceId, builtIn) : this;
		publicView = result;
		return result;
	}

	/**
	 * This catalog with {@code supplements} merged into the code system versions they are for (each
	 * version, or the ones matching the version a supplement names). Code systems no supplement is
	 * for are the same instances as here.
	 */
	Catalog withSupplements(List<CodeSystemIndex> supplements) {
		List<String> key = supplements.stream().map(CodeSystemIndex::canonical).sorted().distinct().toList();
		Catalog cached = supplemented.get(key);
		if (cached != null) {
			return cached;
		}
		// FHIR's own code systems take supplements too: a built-in one a supplement is for joins this request's catalog
		Map<String, NavigableMap<String, CodeSystemIndex>> candidates = new HashMap<>(codeSystems);
		for (CodeSystemIndex supplement : supplements) {
			String target = Canonical.parse(supplement.supplements()).url();
			if (!codeSystems.containsKey(target)) {
				builtIn.codeSystem(target, null).ifPresent(cs -> {
					NavigableMap<String, CodeSystemIndex> one = new TreeMap<>(VersionOrder.INSTANCE);
					one.put(versionKey(cs.version()), cs);
					candidates.put(target, one);
				});
			}
		}
		Map<String, NavigableMap<String, CodeSystemIndex>> merged = new HashMap<>(codeSystems);
		boolean changed = false;
		for (Map.Entry<String, NavigableMap<String, CodeSystemIndex>> system : candidates.entrySet()) {
			NavigableMap<String, CodeSystemIndex> versions = new TreeMap<>(VersionOrder.INSTANCE);
			for (Map.Entry<String, CodeSystemIndex> v : system.getValue().entrySet()) {
				List<CodeSystemIndex> applying = supplements.stream().filter(s -> supplementsVersion(s, v.getValue())).toList();
				CodeSystemIndex index = applying.isEmpty() ? v.getValue() : v.getValue().supplementedBy(applying);
				changed |= index != v.getValue();
				versions.put(v.getKey(), index);
			}
			merged.put(system.getKey(), Collections.unmodifiableNavigableMap(versions));
		}
		if (!changed) {
			return this;
		}
		Catalog result = new Catalog(Collections.unmodifiableMap(merged), valueSets, keysByResourceId, builtIn);
		if (supplemented.size() < MAX_SUPPLEMENTED) {
			supplemented.put(key, result);
		}
		return result;
	}

	private static boolean supplementsVersion(CodeSystemIndex supplement, CodeSystemIndex target) {
		Canonical named = Canonical.parse(supplement.supplements());
		return named.url().equals(target.url())
				&& (named.version() == null || target.version() != null && VersionRules.matches(named.version(), target.version()));
	}

	List<CodeSystemIndex> allCodeSystems() {
		return codeSystems.values().stream().flatMap(v -> v.values().stream()).toList();
	}

	int valueSetCount() {
		return valueSets.values().stream().mapToInt(Map::size).sum();
	}

	/** Full expansions of stored value sets are computed once per catalog. */
	Expansion cachedExpansion(String cacheKey, Function<String, Expansion> compute) {
		Expansion cached = expansionCache.get(cacheKey);
		if (cached == null) {
			cached = compute.apply(cacheKey);
			expansionCache.put(cacheKey, cached);
		}
		return cached;
	}

	private static <T> Optional<T> pick(NavigableMap<String, T> versions, String version) {
		if (versions == null || versions.isEmpty()) {
			return Optional.empty();
		}
		if (version == null) {
			return Optional.of(versions.lastEntry().getValue());
		}
		if (VersionRules.isPattern(version)) {
			return versions.descendingMap().entrySet().stream().filter(e -> VersionRules.matches(version, e.getKey()))
					.map(Map.Entry::getValue).findFirst();
		}
		return Optional.ofNullable(versions.get(version));
	}

	/** The latest version in effect on {@code date}: of the versions that state a day, the latest from that day or before. */
	private static <T> Optional<T> pickOn(NavigableMap<String, T> versions, LocalDate date, Function<T, LocalDate> effective) {
		if (versions == null || versions.isEmpty()) {
			return Optional.empty();
		}
		if (versions.values().stream().allMatch(v -> effective.apply(v) == null)) {
			return Optional.of(versions.lastEntry().getValue()); // nothing says when it took effect
		}
		return versions.descendingMap().values().stream()
				.filter(v -> effective.apply(v) != null && !effective.apply(v).isAfter(date)).findFirst();
	}

	private static String versionKey(String version) {
		return version == null ? NO_VERSION : version;
	}

	private static <T> Map<String, NavigableMap<String, T>> put(Map<String, NavigableMap<String, T>> map, Key key, T value) {
		Map<String, NavigableMap<String, T>> copy = new HashMap<>(map);
		NavigableMap<String, T> versions = new TreeMap<>(VersionOrder.INSTANCE);
		if (map.containsKey(key.url())) {
			versions.putAll(map.get(key.url()));
		}
		versions.put(key.version(), value);
		copy.put(key.url(), Collections.unmodifiableNavigableMap(versions));
		return Collections.unmodifiableMap(copy);
	}

	private static <T> Map<String, NavigableMap<String, T>> remove(Map<String, NavigableMap<String, T>> map, Key key) {
		Map<String, NavigableMap<String, T>> copy = new HashMap<>(map);
		NavigableMap<String, T> versions = new TreeMap<>(VersionOrder.INSTANCE);
		versions.putAll(map.getOrDefault(key.url(), Collections.emptyNavigableMap()));
		versions.remove(key.version());
		if (versions.isEmpty()) {
			copy.remove(key.url());
		} else {
			copy.put(key.url(), Collections.unmodifiableNavigableMap(versions));
		}
		return Collections.unmodifiableMap(copy);
	}

	private static Map<String, Key> putKey(Map<String, Key> keys, String resourceId, Key key) {
		Map<String, Key> copy = new HashMap<>(keys);
		copy.put(resourceId, key);
		return Map.copyOf(copy);
	}
}
