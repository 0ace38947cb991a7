package org.procterm.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemIndex;

/**
 * Code systems and value sets the server answers for without storing them: those of the FHIR core
 * specification (administrative-gender, event-status, the v2 and v3 tables it includes), against
 * which EHRs validate {@code Patient.gender} and the like. Read on first use, since most requests
 * never touch them; each code system is indexed on first use too. Stored content comes first: the
 * catalog asks here only for a URL and version it does not hold.
 */
public final class BuiltInTerminology {

	/** Everything built in, as read from where it is kept; called at most once. */
	public interface Loader {
		Resources load();
	}

	/** The built-in resources, each by canonical URL. */
	public record Resources(Map<String, CodeSystem> codeSystems, Map<String, ValueSet> valueSets) {}

	/** Nothing built in: the switch that turns core terminology off. */
	public static final BuiltInTerminology NONE = new BuiltInTerminology(() -> new Resources(Map.of(), Map.of()));

	/**
	 * Every canonical URL of FHIR's core terminology starts with one of these; asking only for such
	 * URLs keeps a request about any other system from reading the core resources at all.
	 */
	private static final List<String> CORE_BASES = List.of("http://hl7.org/fhir/", "http://terminology.hl7.org/");

	private final Supplier<Resources> resources;
	private final Map<String, CodeSystemIndex> indexes = new ConcurrentHashMap<>();

	public BuiltInTerminology(Loader loader) {
		this.resources = memoized(loader);
	}

	/** The built-in code system {@code url}, when its version matches {@code version} (any when null). */
	public Optional<CodeSystemIndex> codeSystem(String url, String version) {
		if (!mayHold(url)) {
			return Optional.empty();
		}
		CodeSystem cs = resources.get().codeSystems().get(url);
		if (cs == null || version != null && (cs.getVersion() == null || !VersionRules.matches(version, cs.getVersion()))) {
			return Optional.empty();
		}
		return Optional.of(indexes.computeIfAbsent(url, u -> CodeSystemIndex.of(cs)));
	}

	/** The built-in value set {@code url}, when its version matches {@code version} (any when null). */
	public Optional<ValueSet> valueSet(String url, String version) {
		if (!mayHold(url)) {
			return Optional.empty();
		}
		ValueSet vs = resources.get().valueSets().get(url);
		if (vs == null || version != null && (vs.getVersion() == null || !VersionRules.matches(version, vs.getVersion()))) {
			return Optional.empty();
		}
		return Optional.of(vs);
	}

	/** The version of built-in code system {@code url} ("" when it states none), if there is one. */
	public Optional<String> codeSystemVersion(String url) {
		if (!mayHold(url)) {
			return Optional.empty();
		}
		CodeSystem cs = resources.get().codeSystems().get(url);
		return cs == null ? Optional.empty() : Optional.of(cs.hasVersion() ? cs.getVersion() : "");
	}

	/** Each built-in code system as url and version, by URL; reads the resources when not yet read. */
	public List<Canonical> codeSystems() {
		return resources.get().codeSystems().values().stream().map(cs -> new Canonical(cs.getUrl(), cs.getVersion()))
				.sorted(Comparator.comparing(Canonical::url)).toList();
	}

	private static boolean mayHold(String url) {
		return url != null && CORE_BASES.stream().anyMatch(url::startsWith);
	}

	private static Supplier<Resources> memoized(Loader loader) {
		return new Supplier<>() {
			private volatile Resources read;

			@Override
			public Resources get() {
				Resources r = read;
				if (r == null) {
					synchronized (this) {
						if (read == null) {
							read = loader.load();
						}
						r = read;
					}
				}
				return r;
			}
		};
	}
}
