package org.procterm.engine.codesystem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Type;
import org.procterm.engine.TerminologyException;

/**
 * One version of one code system, indexed for the operations: concepts by code, the is-a
 * hierarchy in both directions. Immutable once built, so it can be
 * read by any number of request threads without locking.
 */
public final class CodeSystemIndex {

	/** HL7's standards-status extension: on a concept, its status where no status property states one. */
	public static final String STANDARDS_STATUS = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";

	private final String url;
	private final String version;
	private final String name;
	/** The language of the displays (CodeSystem.language), or null when it states none. */
	private final String language;
	private final java.time.LocalDate effectiveFrom;
	private final boolean caseSensitive;
	private final Map<String, Concept> concepts;
	private final Map<String, String> codeByLowerCase;
	private final Concept[] ordered;
	private final Map<String, String> propertyUris;
	/** The code system this one supplements ({@code url} or {@code url|version}), or null when it is not a supplement. */
	private final String supplements;
	/** The supplements merged into this index ({@code url|version} each), in the order applied. */
	private final List<String> appliedSupplements;
	/** See {@link org.procterm.engine.codesystem.Standing}: {@link Standing#GOOD} for a code system in good standing. */
	private final Standing standing;
	private volatile WordIndex wordIndex;
	/** Whether this version declares its texts open to anyone (see {@link org.procterm.engine.LicensedContent}). */
	private final boolean openContent;
	/** Whether this is the public view of a restricted version: licensed texts withheld. */
	private final boolean withheld;
	/** content=fragment: the code system lists only some of its codes, so a code it lacks may still exist. */
	private final boolean fragment;
	/** The public view of this version, built on first use and kept with it (the index is immutable). */
	private volatile Redacted redacted;

	private record Redacted(org.procterm.engine.LicensedContent by, CodeSystemIndex index) {}

	private CodeSystemIndex(CodeSystem cs, Map<String, Concept> concepts) {
		this.url = cs.getUrl();
		this.version = cs.getVersion();
		this.name = cs.hasName() ? cs.getName() : cs.getTitle();
		this.language = cs.hasLanguage() ? cs.getLanguage() : null;
		this.effectiveFrom = org.procterm.engine.EffectiveDates.of(cs);
		// R4 leaves case sensitivity undefined when absent; codes in the systems we serve are case-sensitive.
		this.caseSensitive = !cs.hasCaseSensitive() || cs.getCaseSensitive();
		this.concepts = concepts;
		Map<String, String> lower = new java.util.HashMap<>();
		if (!caseSensitive) { // a million-entry map that a case-sensitive system never reads
			concepts.keySet().forEach(code -> lower.putIfAbsent(code.toLowerCase(Locale.ROOT), code));
		}
		this.codeByLowerCase = lower;
		this.ordered = concepts.values().toArray(Concept[]::new);
		Map<String, String> uris = new java.util.HashMap<>();
		cs.getProperty().stream().filter(p -> p.hasCode() && p.hasUri()).forEach(p -> uris.putIfAbsent(p.getCode(), p.getUri()));
		this.propertyUris = Map.copyOf(uris);
		this.supplements = cs.getContent() == CodeSystem.CodeSystemContentMode.SUPPLEMENT && cs.hasSupplements() ? cs.getSupplements() : null;
		this.appliedSupplements = List.of();
		this.standing = org.procterm.engine.codesystem.Standing.of(cs);
		this.openContent = org.procterm.engine.LicensedContent.declaresOpenContent(cs);
		this.withheld = false;
		this.fragment = cs.getContent() == CodeSystem.CodeSystemContentMode.FRAGMENT;
	}

	/** {@code base} with the concepts and property URIs a supplement merge produced. */
	private CodeSystemIndex(CodeSystemIndex base, Map<String, Concept> concepts, Map<String, String> propertyUris, List<String> applied,
			boolean withheld) {
		this.url = base.url;
		this.version = base.version;
		this.name = base.name;
		this.language = base.language;
		this.effectiveFrom = base.effectiveFrom;
		this.caseSensitive = base.caseSensitive;
		this.concepts = concepts;
		this.codeByLowerCase = base.codeByLowerCase;
		this.ordered = concepts.values().toArray(Concept[]::new);
		this.propertyUris = propertyUris;
		this.supplements = base.supplements;
		this.appliedSupplements = applied;
		this.standing = base.standing;
		this.openContent = base.openContent;
		this.withheld = withheld;
		this.fragment = base.fragment;
	}

	/** Indexes a CodeSystem held as a FHIR model object (nested concepts and parent/child properties both count). */
	public static CodeSystemIndex of(CodeSystem cs) {
		Builder builder = new Builder();
		add(builder, cs.getConcept(), null);
		return builder.build(cs);
	}

	/** HL7's concept extensions that FHIR's concept-properties name as properties: label, order and (item) weight. */
	static final Map<String, String> DERIVED_PROPERTIES = Map.of(
			"http://hl7.org/fhir/StructureDefinition/codesystem-label", "label",
			"http://hl7.org/fhir/StructureDefinition/codesystem-conceptOrder", "order",
			"http://hl7.org/fhir/StructureDefinition/itemWeight", "weight");

	/** A concept's label, order and weight extensions as the properties they stand for, where it states none by that code. */
	static void derivedProperties(org.hl7.fhir.r4.model.Element def, List<PropertyValue> properties) {
		for (Map.Entry<String, String> derived : DERIVED_PROPERTIES.entrySet()) {
			org.hl7.fhir.r4.model.Extension ext = def.getExtensionByUrl(derived.getKey());
			if (ext == null || ext.getValue() == null || properties.stream().anyMatch(p -> derived.getValue().equals(p.code()))) {
				continue;
			}
			Type value = ext.getValue();
			if (!derived.getValue().equals("label")) { // order and weight are numbers: decimals, as HL7 answers them
				try {
					value = new org.hl7.fhir.r4.model.DecimalType(value.primitiveValue());
				} catch (RuntimeException notANumber) {
					continue;
				}
			}
			properties.add(new PropertyValue(derived.getValue(), value.copy(), true));
		}
	}

	private static void add(Builder builder, List<ConceptDefinitionComponent> level, String parent) {
		for (ConceptDefinitionComponent def : level) {
			List<Designation> designations = new ArrayList<>();
			for (ConceptDefinitionDesignationComponent d : def.getDesignation()) {
				designations.add(new Designation(d.getLanguage(), d.hasUse() ? d.getUse().copy() : null, d.getValue(), null,
						EchoedExtensions.ofDesignation(d.getExtension())));
			}
			List<PropertyValue> properties = new ArrayList<>();
			for (ConceptPropertyComponent p : def.getProperty()) {
				properties.add(new PropertyValue(p.getCode(), p.getValue() == null ? null : p.getValue().copy()));
			}
			// a concept's standards status (e.g. deprecated) is its status property where it states none
			org.hl7.fhir.r4.model.Extension standing = def.getExtensionByUrl(STANDARDS_STATUS);
			if (standing != null && standing.getValue() != null && properties.stream().noneMatch(p -> "status".equals(p.code()))) {
				properties.add(new PropertyValue("status", new org.hl7.fhir.r4.model.CodeType(standing.getValue().primitiveValue())));
			}
			derivedProperties(def, properties);
			builder.add(def.getCode(), def.getDisplay(), def.getDefinition(), designations, properties, parent,
					EchoedExtensions.ofConcept(def.getExtension()));
			add(builder, def.getConcept(), def.getCode());
		}
	}

	/** FHIR's URI for the concept property that marks a concept not selectable (abstract). */
	static final String NOT_SELECTABLE_URI = "http://hl7.org/fhir/concept-properties#notSelectable";

	/**
	 * Collects concepts one at a time, so a large code system can be indexed straight from a stream
	 * without a FHIR model tree of it in memory. Equal property values are shared between concepts:
	 * most are a handful of codes and booleans repeated across the whole system.
	 */
	public static final class Builder {

		/** How many offending codes a message names before it says "and more". */
		private static final int MAX_NAMED = 10;
		private final Map<String, Draft> drafts = new LinkedHashMap<>();
		private final Set<String> duplicates = new LinkedHashSet<>();
		private final Map<String, List<String>> parents = new LinkedHashMap<>(); // insertion order keeps children in file order
		private final Map<String, Type> sharedValues = new java.util.HashMap<>();
		/** Words, languages and property codes repeat across a code system: one copy of each is kept. */
		private final Map<String, String> sharedStrings = new java.util.HashMap<>();
		private final Map<String, org.hl7.fhir.r4.model.Coding> sharedUses = new java.util.HashMap<>();
		/** Whole property lists repeat too (a few regions times a few approaches), and a list per concept costs more than its values. */
		private final Map<List<PropertyValue>, List<PropertyValue>> sharedPropertyLists = new java.util.HashMap<>();

		private record Draft(String display, String definition, List<Designation> designations, List<PropertyValue> properties,
				List<org.hl7.fhir.r4.model.Extension> extensions) {}

		/**
		 * Adds a concept. {@code parent} is the concept it is nested under (or null); {@code parent}
		 * and {@code child} properties state the hierarchy too. A repeated code keeps its first definition.
		 */
		public Builder add(String code, String display, String definition, List<Designation> designations,
				List<PropertyValue> properties, String parent) {
			return add(code, display, definition, designations, properties, parent, List.of());
		}

		/** As above, with the extensions an expansion repeats on the code (see {@link EchoedExtensions}). */
		public Builder add(String code, String display, String definition, List<Designation> designations,
				List<PropertyValue> properties, String parent, List<org.hl7.fhir.r4.model.Extension> extensions) {
			if (code == null || code.isBlank()) {
				throw TerminologyException.invalidContent("A concept has no code" + (display == null ? "" : " (display '" + display + "')")
						+ ": every concept of a code system needs one");
			}
			if (drafts.containsKey(code) && duplicates.size() < MAX_NAMED) {
				duplicates.add(code);
			}
			if (parent != null) {
				addParent(code, parent);
			}
			List<Designation> compact = new ArrayList<>(designations.size());
			for (Designation d : designations) {
				compact.add(new Designation(shared(d.language()), d.use() == null ? null
						: sharedUses.computeIfAbsent(d.use().getSystem() + '|' + d.use().getCode() + '|' + d.use().getDisplay(), k -> d.use()),
						d.value(), d.source(), d.extensions()));
			}
			designations = compact;
			List<PropertyValue> kept = new ArrayList<>(properties.size());
			for (PropertyValue p : properties) {
				// parent and child are served from the hierarchy, which merges them with the nesting
				if ("parent".equals(p.code())) {
					if (p.value() instanceof CodeType value) {
						addParent(code, value.getValue());
					}
				} else if ("child".equals(p.code())) {
					if (p.value() instanceof CodeType value) {
						addParent(value.getValue(), code);
					}
				} else {
					kept.add(new PropertyValue(shared(p.code()), share(p.value()), p.derived()));
				}
			}
			// equal values are one instance (see share), so equal lists compare equal element by element
			drafts.putIfAbsent(code, new Draft(display, definition, designations, sharedPropertyLists.computeIfAbsent(List.copyOf(kept), k -> k),
					extensions));
			return this;
		}

		/** Parents are few per concept, so a small list (checked for repeats) costs less than a set. */
		private void addParent(String child, String parent) {
			parent = shared(parent); // a parent has many children: one copy of its code, not one per child
			List<String> ps = parents.computeIfAbsent(child, k -> new ArrayList<>(1));
			if (!ps.contains(parent)) {
				ps.add(parent);
			}
		}

		private String shared(String text) {
			return text == null ? null : sharedStrings.computeIfAbsent(text, k -> k);
		}

		private Type share(Type value) {
			if (value == null || !value.isPrimitive()) {
				return value;
			}
			return sharedValues.computeIfAbsent(value.fhirType() + '|' + value.primitiveValue(), k -> value);
		}

		public int size() {
			return drafts.size();
		}

		/** The index, with url, version, name and case sensitivity taken from {@code header} (its concepts are ignored). */
		public CodeSystemIndex build(CodeSystem header) {
			if (!header.hasUrl()) {
				throw new IllegalArgumentException("a CodeSystem without url cannot be served");
			}
			if (!duplicates.isEmpty()) {
				throw TerminologyException.invalidContent("CodeSystem " + header.getUrl() + " defines the same code more than once: "
						+ String.join(", ", duplicates) + (duplicates.size() == MAX_NAMED ? " and more" : "") + " (codes must be unique)");
			}
			List<String> inCycle = HierarchyCycles.find(parents, MAX_NAMED);
			if (!inCycle.isEmpty()) {
				throw TerminologyException.invalidContent("CodeSystem " + header.getUrl() + " has a cycle in its hierarchy: a code is its own ancestor."
						+ " Codes on the cycle or above it: " + String.join(", ", inCycle) + (inCycle.size() == MAX_NAMED ? " and more" : ""));
			}
			Map<String, List<String>> children = new java.util.HashMap<>();
			parents.forEach((child, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));
			Map<String, Concept> concepts = new LinkedHashMap<>();
			// the property saying a concept is not selectable: by its code, or by the URI FHIR gives it under another code
			Set<String> notSelectableCodes = new java.util.HashSet<>(Set.of("notSelectable"));
			header.getProperty().stream().filter(p -> NOT_SELECTABLE_URI.equals(p.getUri()) && p.hasCode())
					.forEach(p -> notSelectableCodes.add(p.getCode()));
			drafts.forEach((code, d) -> concepts.put(code, toConcept(code, d,
					List.copyOf(parents.getOrDefault(code, List.of())), children.getOrDefault(code, List.of()), concepts.size(), notSelectableCodes)));
			drafts.clear();
			sharedStrings.clear();
			sharedPropertyLists.clear();
			return new CodeSystemIndex(header, java.util.Collections.unmodifiableMap(concepts));
		}

		private Concept toConcept(String code, Draft d, List<String> parents, List<String> children, int ordinal, Set<String> notSelectableCodes) {
			boolean inactive = false;
			boolean notSelectable = false;
			for (PropertyValue p : d.properties()) {
				Type value = p.value();
				if ("inactive".equals(p.code()) && value instanceof BooleanType b && b.booleanValue()) {
					inactive = true;
				}
				if ("status".equals(p.code()) && value != null
						&& ("retired".equals(value.primitiveValue()) || "inactive".equals(value.primitiveValue()))) {
					inactive = true;
				}
				if (notSelectableCodes.contains(p.code()) && value instanceof BooleanType b && b.booleanValue()) {
					notSelectable = true;
				}
			}
			LinkedHashSet<String> words = new LinkedHashSet<>();
			TextMatch.words(d.display()).forEach(w -> words.add(shared(w)));
			d.designations().forEach(des -> TextMatch.words(des.value()).forEach(w -> words.add(shared(w))));
			return new Concept(code, d.display(), d.definition(), inactive, notSelectable, d.designations(), d.properties(),
					parents, children, List.copyOf(words), ordinal, d.extensions());
		}
	}

	public String url() {
		return url;
	}

	/** {@code url|version}, or the url alone for a version-less code system. */
	public String canonical() {
		return version == null ? url : url + "|" + version;
	}

	/** How far the code system is fit for use (see {@link Standing}). */
	public Standing standing() {
		return standing;
	}

	/** Whether this is a supplement (content {@code supplement}): designations and properties for another code system's concepts. */
	public boolean isSupplement() {
		return supplements != null;
	}

	/** Whether the code system is a fragment (content=fragment): a code it lacks may be valid in another fragment. */
	public boolean isFragment() {
		return fragment;
	}

	/** The code system a supplement is for, as it names it ({@code url} or {@code url|version}); null when this is not a supplement. */
	public String supplements() {
		return supplements;
	}

	/** The supplements merged into this index ({@code url|version} each); empty for a code system as loaded. */
	public List<String> appliedSupplements() {
		return appliedSupplements;
	}

	/**
	 * This code system with the designations and properties of {@code more} supplements added to the
	 * concepts they name. A supplement cannot add concepts or change the hierarchy, so codes it names
	 * that are not here, and its parent and child properties, are passed over. Concepts keep their
	 * ordinals, so bit sets over this index and the base line up. Supplements already merged are not
	 * merged twice.
	 */
	public CodeSystemIndex supplementedBy(List<CodeSystemIndex> more) {
		List<CodeSystemIndex> fresh = more.stream().filter(s -> !appliedSupplements.contains(s.canonical())).toList();
		if (fresh.isEmpty()) {
			return this;
		}
		Map<String, Concept> merged = new LinkedHashMap<>(concepts);
		Map<String, String> uris = new java.util.HashMap<>(propertyUris);
		List<String> applied = new ArrayList<>(appliedSupplements);
		for (CodeSystemIndex supplement : fresh) {
			supplement.propertyUris.forEach(uris::putIfAbsent);
			for (Concept extra : supplement.concepts()) {
				Concept base = caseSensitive ? merged.get(extra.code()) : find(extra.code()).map(c -> merged.get(c.code())).orElse(null);
				if (base != null) {
					merged.put(base.code(), base.with(extra.designations().stream().map(d -> d.from(supplement.canonical())).toList(),
							extra.properties(), extra.extensions()));
				}
			}
			applied.add(supplement.canonical());
		}
		return new CodeSystemIndex(this, java.util.Collections.unmodifiableMap(merged), Map.copyOf(uris), List.copyOf(applied), withheld);
	}

	/** Whether this version declares that its texts may be served to anyone (procterm's bundled sample does). */
	public boolean declaresOpenContent() {
		return openContent;
	}

	/** Whether this is a public view in which licensed texts are withheld. */
	public boolean isWithheld() {
		return withheld;
	}

	/**
	 * This version as a client without the licence sees it: each concept keeps its code, properties
	 * and hierarchy and only the designations {@code licence} calls open; its display becomes its open
	 * name in this code system's language, or a placeholder naming the code; definitions are dropped.
	 * Built once per index and kept, so every public request shares it.
	 */
	public CodeSystemIndex redacted(org.procterm.engine.LicensedContent licence) {
		Redacted known = redacted;
		if (known != null && known.by().equals(licence)) {
			return known.index();
		}
		Map<String, Concept> out = new LinkedHashMap<>();
		for (Concept c : concepts.values()) {
			List<Designation> open = c.designations().stream().filter(licence::isOpen).toList();
			out.put(c.code(), c.withheld(org.procterm.engine.LicensedContent.publicDisplay(open, language, name, c.code()), open));
		}
		CodeSystemIndex index = new CodeSystemIndex(this, java.util.Collections.unmodifiableMap(out), propertyUris, appliedSupplements, true);
		redacted = new Redacted(licence, index);
		return index;
	}

	public String version() {
		return version;
	}

	/** The day this version takes effect, or null when it states none (see {@link org.procterm.engine.EffectiveDates}). */
	public java.time.LocalDate effectiveFrom() {
		return effectiveFrom;
	}

	public String name() {
		return name;
	}

	/** The language the displays are written in (CodeSystem.language), or null when the code system does not say. */
	public String language() {
		return language;
	}

	public int size() {
		return concepts.size();
	}

	/** The URI the code system declares for one of its properties, if it declares one. */
	public Optional<String> propertyUri(String propertyCode) {
		return Optional.ofNullable(propertyUris.get(propertyCode));
	}

	public Collection<Concept> concepts() {
		return concepts.values();
	}

	/** The concept with this code, honouring the code system's case sensitivity. */
	public Optional<Concept> find(String code) {
		if (code == null) {
			return Optional.empty();
		}
		Concept exact = concepts.get(code);
		if (exact != null || caseSensitive) {
			return Optional.ofNullable(exact);
		}
		return Optional.ofNullable(codeByLowerCase.get(code.toLowerCase(Locale.ROOT))).map(concepts::get);
	}

	/**
	 * The place of {@code concept} in this code system, or -1 if it is not one of its concepts: this
	 * very instance, or the same code at the same place as a value set lists it (see
	 * ListedConcept). The caller makes sure the concept comes from this code system and version.
	 */
	public int ordinalOf(Concept concept) {
		int ordinal = concept.ordinal();
		return ordinal >= 0 && ordinal < ordered.length
				&& (ordered[ordinal] == concept || ordered[ordinal].code().equals(concept.code())) ? ordinal : -1;
	}

	/** The ordinals of the concepts matching a typeahead filter, by rank, through the word index. */
	java.util.BitSet[] matches(String rawFilter, String normalizedFilter, List<String> filterWords) {
		return wordIndex().matches(rawFilter, normalizedFilter, filterWords);
	}

	/** The ordinals of the inactive concepts. Shared: callers must not change it. */
	public java.util.BitSet inactiveOrdinals() {
		return wordIndex().inactive();
	}

	/** The typeahead index, built by the first request that needs it. */
	private WordIndex wordIndex() {
		WordIndex index = wordIndex;
		if (index == null) {
			synchronized (this) {
				if (wordIndex == null) {
					wordIndex = WordIndex.of(ordered);
				}
				index = wordIndex;
			}
		}
		return index;
	}

	/** Every code below {@code code} in the is-a hierarchy, not including itself. */
	public Set<String> descendantsOf(String code) {
		return walk(code, Concept::children);
	}

	/** Every code above {@code code} in the is-a hierarchy, not including itself. */
	public Set<String> ancestorsOf(String code) {
		return walk(code, Concept::parents);
	}

	private Set<String> walk(String start, java.util.function.Function<Concept, List<String>> next) {
		Set<String> seen = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>();
		find(start).ifPresent(c -> todo.addAll(next.apply(c)));
		while (!todo.isEmpty()) {
			String code = todo.pop();
			if (seen.add(code)) {
				Concept c = concepts.get(code);
				if (c != null) {
					todo.addAll(next.apply(c));
				}
			}
		}
		seen.remove(start);
		return seen;
	}
}
