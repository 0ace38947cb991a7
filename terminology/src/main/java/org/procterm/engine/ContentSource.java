package org.procterm.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemIndex;

/** Where an operation finds the code systems and value sets it refers to. */
public interface ContentSource {

	/** The given version (or the latest matching a pattern such as 1.x), or the latest when {@code version} is null. */
	Optional<CodeSystemIndex> codeSystem(String url, String version);

	/** The given version, or the latest when {@code version} is null. */
	Optional<ValueSet> valueSet(String url, String version);

	/**
	 * The latest version in effect on {@code date}. When no version states when it takes effect,
	 * the date cannot choose, and this is the latest version.
	 */
	Optional<CodeSystemIndex> codeSystemOn(String url, LocalDate date);

	/** The versions held of code system {@code url}, oldest first ("" for a version-less one). */
	List<String> codeSystemVersions(String url);

	/** As {@link #codeSystemOn}, for value sets. */
	Optional<ValueSet> valueSetOn(String url, LocalDate date);

	/** The given version; without one, the version in effect on {@code date}; without either, the latest. */
	default Optional<CodeSystemIndex> codeSystem(String url, String version, LocalDate date) {
		return version != null || date == null ? codeSystem(url, version) : codeSystemOn(url, date);
	}

	/** As {@link #codeSystem(String, String, LocalDate)}, for value sets. */
	default Optional<ValueSet> valueSet(String url, String version, LocalDate date) {
		return version != null || date == null ? valueSet(url, version) : valueSetOn(url, date);
	}
}
