package org.procterm.engine.codesystem;

import java.util.List;
import java.util.Optional;

/**
 * One concept of a code system as the engine serves it. {@code parents} come from both the
 * nesting of concepts and the {@code parent} property, so that every hierarchy form in R4 works.
 * {@code searchWords} are every word of the display and designations, lower-cased and without
 * accents, worked out once so typeahead never repeats it. {@code ordinal} is the concept's place in
 * its code system (-1 when it stands alone), so arrays and bit sets can be indexed by concept.
 * {@code extensions} are those an expansion repeats on the code (see {@link EchoedExtensions}).
 */
public record Concept(
		String code,
		String display,
		String definition,
		boolean inactive,
		boolean notSelectable,
		List<Designation> designations,
		List<PropertyValue> properties,
		List<String> parents,
		List<String> children,
		List<String> searchWords,
		int ordinal,
		List<org.hl7.fhir.r4.model.Extension> extensions) {

	public Concept {
		extensions = extensions == null || extensions.isEmpty() ? List.of() : List.copyOf(extensions);
		designations = List.copyOf(designations);
		properties = List.copyOf(properties);
		parents = List.copyOf(parents);
		children = List.copyOf(children);
		searchWords = List.copyOf(searchWords);
	}

	public Concept(String code, String display, String definition, boolean inactive, boolean notSelectable,
			List<Designation> designations, List<PropertyValue> properties, List<String> parents, List<String> children) {
		this(code, display, definition, inactive, notSelectable, designations, properties, parents, children,
				searchWords(display, designations), -1, List.of());
	}

	/** This concept with more designations and properties (a supplement's), found by typeahead through the new designations too. */
	public Concept with(List<Designation> moreDesignations, List<PropertyValue> moreProperties) {
		return with(moreDesignations, moreProperties, List.of());
	}

	/**
	 * As above, with a supplement's extensions on the concept too: one it gives replaces the code
	 * system's own with the same URL (a supplement says how to show the code in its context).
	 */
	public Concept with(List<Designation> moreDesignations, List<PropertyValue> moreProperties, List<org.hl7.fhir.r4.model.Extension> moreExtensions) {
		List<org.hl7.fhir.r4.model.Extension> allExtensions = new java.util.ArrayList<>(extensions);
		allExtensions.removeIf(e -> moreExtensions.stream().anyMatch(m -> m.getUrl().equals(e.getUrl())));
		allExtensions.addAll(moreExtensions);
		List<Designation> allDesignations = new java.util.ArrayList<>(designations);
		allDesignations.addAll(moreDesignations);
		List<PropertyValue> allProperties = new java.util.ArrayList<>(properties);
		allProperties.addAll(moreProperties);
		java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>(searchWords);
		moreDesignations.forEach(d -> words.addAll(TextMatch.words(d.value())));
		return new Concept(code, display, definition, inactive, notSelectable, allDesignations, allProperties, parents, children,
				List.copyOf(words), ordinal, allExtensions);
	}

	/**
	 * This concept as a value set lists it: with the value set's designations for it added, its
	 * properties of the codes in {@code replacing} replaced (a label or order the value set gives),
	 * and the value set's extensions for it added, each replacing the code system's with its URL.
	 */
	public Concept listedAs(List<Designation> moreDesignations, List<PropertyValue> replacing, List<org.hl7.fhir.r4.model.Extension> moreExtensions) {
		if (moreDesignations.isEmpty() && replacing.isEmpty() && moreExtensions.isEmpty()) {
			return this;
		}
		List<PropertyValue> kept = new java.util.ArrayList<>(properties);
		kept.removeIf(p -> replacing.stream().anyMatch(r -> r.code().equals(p.code())));
		kept.addAll(replacing);
		Concept more = with(moreDesignations, List.of(), moreExtensions);
		return new Concept(code, display, definition, inactive, notSelectable, more.designations, kept, parents, children, more.searchWords,
				ordinal, more.extensions);
	}

	/** This concept with only {@code open} designations and {@code display} in place of its own, and no definition (see CodeSystemIndex#redacted). */
	public Concept withheld(String display, List<Designation> open) {
		// found by its open names only, never by the words of a placeholder display
		// nor its extensions: rendering-xhtml, say, may spell out the withheld display
		return new Concept(code, display, null, inactive, notSelectable, open, properties, parents, children, searchWords(null, open), ordinal,
				List.of());
	}

	private static List<String> searchWords(String display, List<Designation> designations) {
		java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>(TextMatch.words(display));
		designations.forEach(d -> words.addAll(TextMatch.words(d.value())));
		return List.copyOf(words);
	}

	/** The first designation in {@code language}: one tag, or a preference list such as {@code "de, en;q=0.5"}. */
	public Optional<Designation> designationIn(String language) {
		if (language == null) {
			return Optional.empty();
		}
		for (String tag : Languages.tags(language)) {
			Optional<Designation> found = designationInTag(tag);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/** The first designation in one language tag, already read from a preference list. */
	public Optional<Designation> designationInTag(String tag) {
		return designations.stream().filter(d -> d.isInLanguage(tag) && !d.isRetired()).findFirst();
	}

	public List<PropertyValue> propertiesNamed(String propertyCode) {
		return properties.stream().filter(p -> p.code().equals(propertyCode)).toList();
	}
}
