package org.procterm.engine.valueset;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.codesystem.LanguagePreference;
import org.procterm.engine.codesystem.PropertyValue;
import org.procterm.engine.Canonical;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.validation.DisplayCheck;

/**
 * Writes one page of expansion entries as a FHIR ValueSet with an {@code expansion}. Requested
 * concept properties are written as R4 carries R5's {@code expansion.property} and
 * {@code contains.property}: the cross-version extensions HL7 defines for them.
 */
public final class ExpansionWriter {

	public static final String EXPANSION_PROPERTY = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.property";
	public static final String CONTAINS_PROPERTY = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property";
	/** Properties every code system has by the FHIR specification, whatever it declares. */
	private static final String STANDARD_PROPERTIES = "http://hl7.org/fhir/concept-properties#";
	private static final Set<String> STANDARD = Set.of("definition", "parent", "child", "inactive", "status", "notSelectable");

	/** The code system version an entry comes from, where the catalog holds it. */
	interface CodeSystems extends java.util.function.Function<ExpansionEntry, java.util.Optional<CodeSystemIndex>> {}

	private ExpansionWriter() {}

	/**
	 * What an expansion drew on, each as {@code url|version}: code systems, the supplements merged
	 * into them, imported value sets, and by canonical the standing of those that are not in good
	 * standing (see {@link Standing}); and why texts were withheld, where a code system's licensed texts were.
	 */
	static final String UNCLOSED = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed";
	static final String UNCLOSED_REASON = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed-reason";

	record DrawnOn(List<String> codeSystems, List<String> supplements, List<String> valueSets, Map<String, String> warnings,
			List<String> withheld, List<CodeSystemIndex> fragments, boolean versionsMatch) {}

	static ValueSet write(ValueSet source, ExpansionRequest request, List<ExpansionEntry> page, int total, CodeSystems codeSystems,
			DrawnOn drawnOn) {
		ValueSet out = source.copy();
		out.setText(null);
		out.setDescription(null); // as HL7's reference server answers: the expansion, not the definition's prose
		if (!request.includeDefinition()) {
			out.setCompose(null); // the expansion stands for it; the definition stays one read away
			// the definition's own extensions go with it, as HL7's reference servers answer (org.hl7.fhir.core's
			// expander clears them); tx.fhir.org keeps them for a value set that only lists its codes, whose
			// expansion is that list, and so does procterm
			if (!source.getCompose().hasInclude() || source.getCompose().getInclude().stream().anyMatch(i -> !i.hasConcept())) {
				out.getExtension().clear();
			}
		}
		out.setExpansion(null);
		if (!out.hasStatus()) {
			out.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.UNKNOWN); // R4 needs one, and the value set stated none
		}

		ValueSet.ValueSetExpansionComponent expansion = out.getExpansion();
		expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
		expansion.setTimestamp(new Date());
		expansion.setTotal(total);
		if (request.start() > 0 || request.count() != null) {
			expansion.setOffset(request.start());
		}
		if (request.filter() != null) {
			expansion.addParameter().setName("filter").setValue(new StringType(request.filter()));
		}
		if (request.count() != null) {
			expansion.addParameter().setName("count").setValue(new IntegerType(request.count()));
		}
		if (request.offset() != null) {
			expansion.addParameter().setName("offset").setValue(new IntegerType(request.offset()));
		}
		if (request.includeDesignations()) {
			expansion.addParameter().setName("includeDesignations").setValue(new BooleanType(true));
		}
		if (request.activeOnly() != null) {
			expansion.addParameter().setName("activeOnly").setValue(new BooleanType(request.activeOnly()));
		}
		if (request.excludeNested() != null) {
			expansion.addParameter().setName("excludeNested").setValue(new BooleanType(request.excludeNested()));
		}
		if (request.includeDefinition()) {
			expansion.addParameter().setName("includeDefinition").setValue(new BooleanType(true));
		}
		if (request.excludeNotForUI()) {
			expansion.addParameter().setName("excludeNotForUI").setValue(new BooleanType(true));
		}
		request.excludeSystems().forEach(s -> expansion.addParameter().setName("exclude-system").setValue(new UriType(s)));
		request.versions().valueSets().forEach((url, version) ->
				expansion.addParameter().setName("default-valueset-version").setValue(new UriType(url + "|" + version)));
		// a default or a check shaped the expansion only where an include left the version open; a force always does
		Set<String> open = source.getCompose().getInclude().stream().filter(i -> i.hasSystem() && !i.hasVersion())
				.map(ValueSet.ConceptSetComponent::getSystem).collect(java.util.stream.Collectors.toSet());
		echoVersions(expansion, "system-version", request.versions().defaults(), open::contains);
		echoVersions(expansion, "force-system-version", request.versions().forced(), url -> true);
		echoVersions(expansion, "check-system-version", request.versions().checks(), open::contains);
		if (request.versions().date() != null) {
			expansion.addParameter().setName("date").setValue(new org.hl7.fhir.r4.model.DateTimeType(request.versions().date().toString()));
		}
		request.designations().forEach(d -> expansion.addParameter().setName("designation").setValue(new StringType(d)));
		Map<String, String> declared = new LinkedHashMap<>();
		boolean nested = nests(source, request);
		Map<String, ValueSetExpansionContainsComponent> written = new LinkedHashMap<>();
		Set<String> severalVersions = new java.util.HashSet<>(severalVersions(drawnOn.codeSystems()));
		// a value set that names several versions of a system tells each code's, even when a forced version made them one
		source.getCompose().getInclude().stream().filter(i -> i.hasSystem() && i.hasVersion())
				.collect(java.util.stream.Collectors.groupingBy(ValueSet.ConceptSetComponent::getSystem,
						java.util.stream.Collectors.mapping(ValueSet.ConceptSetComponent::getVersion, java.util.stream.Collectors.toSet())))
				.forEach((system, versions) -> {
					if (versions.size() > 1) {
						severalVersions.add(system);
					}
				});
		LanguagePreference language = LanguagePreference.of(request.displayLanguage());
		for (ExpansionEntry e : page) {
			ValueSetExpansionContainsComponent c = contains(e, request, language, codeSystems);
			if (severalVersions.contains(e.system())) {
				c.setVersion(e.version()); // used-codesystem cannot tell which version each code came from
			}
			for (String property : echoedProperties(e, request)) {
				List<Type> values = propertyValues(e.concept(), property);
				if (!values.isEmpty() && !declared.containsKey(property)) {
					declared.put(property, uriOf(e, property, codeSystems)); // null when there is no URI to give
				}
				for (Type value : values) {
					Extension ext = c.addExtension().setUrl(CONTAINS_PROPERTY);
					ext.addExtension("code", new CodeType(property));
					ext.addExtension("value", value.copy());
				}
			}
			written.put(e.versionedKey(), c);
		}
		List<ValueSetExpansionContainsComponent> top = nested ? nest(page, written, request.excludeNested() == null) : null;
		(top != null ? top : written.values()).forEach(expansion::addContains);
		declared.forEach((code, uri) -> {
			Extension ext = expansion.addExtension().setUrl(EXPANSION_PROPERTY);
			ext.addExtension("code", new CodeType(code));
			if (uri != null) {
				ext.addExtension("uri", new UriType(uri));
			}
		});
		// the whole expansion's sources, so a page (even an empty one) tells what the answer rests on
		drawnOn.codeSystems().forEach(s -> expansion.addParameter().setName("used-codesystem").setValue(new UriType(s)));
		drawnOn.supplements().forEach(s -> expansion.addParameter().setName("used-supplement").setValue(new UriType(s)));
		drawnOn.valueSets().forEach(s -> expansion.addParameter().setName("used-valueset").setValue(new UriType(s)));
		drawnOn.warnings().forEach((canonical, standing) -> expansion.addParameter().setName("warning-" + standing).setValue(new UriType(canonical)));
		drawnOn.withheld().forEach(notice -> expansion.addParameter().setName("warning-withheld").setValue(new StringType(notice)));
		if (drawnOn.versionsMatch()) { // a code was one member across versions: said, as HL7's servers say it
			expansion.addParameter().setName("versionsMatch").setValue(new BooleanType(true));
		}
		// a fragment lists only some of its codes, so the expansion may lack members: HL7's "unclosed" marks say so
		for (CodeSystemIndex fragment : drawnOn.fragments()) {
			expansion.addParameter().setName("used-fragment").setValue(new UriType(fragment.canonical()));
			if (!expansion.hasExtension(UNCLOSED)) {
				expansion.addExtension(UNCLOSED, new org.hl7.fhir.r4.model.BooleanType(true));
			}
			expansion.addExtension(UNCLOSED_REASON, new StringType(Messages.FRAGMENT_UNCLOSED.text(fragment.url())));
		}
		if (request.displayLanguage() != null) {
			expansion.addParameter().setName("displayLanguage").setValue(new CodeType(request.displayLanguage()));
		}
		return out;
	}

	/**
	 * The properties shown on one code: those asked for, and the status of an inactive code whose
	 * code system states one (retired, deprecated...), as HL7's reference server shows why it is inactive.
	 */
	private static List<String> echoedProperties(ExpansionEntry e, ExpansionRequest request) {
		List<String> all = new java.util.ArrayList<>(request.properties());
		// a status that says more than "active" (retired, deprecated...) is shown with the code
		if (!all.contains("status") && propertyValues(e.concept(), "status").stream().anyMatch(v -> !"active".equals(v.primitiveValue()))) {
			all.add("status");
		}
		// a concept's label, order and weight (from HL7's extensions) are shown with it, as HL7's servers show them
		for (String derived : DERIVED) {
			if (!all.contains(derived) && !propertyValues(e.concept(), derived).isEmpty()) {
				all.add(derived);
			}
		}
		return all;
	}

	/** The properties HL7 derives from concept extensions (codesystem-label, codesystem-conceptOrder, itemWeight). */
	private static final List<String> DERIVED = List.of("label", "order", "weight");
	/** Their URIs among FHIR's concept properties. */
	private static final Map<String, String> DERIVED_URIS = Map.of("label", STANDARD_PROPERTIES + "label",
			"order", STANDARD_PROPERTIES + "order", "weight", STANDARD_PROPERTIES + "itemWeight");

	private static void echoVersions(ValueSet.ValueSetExpansionComponent expansion, String name, Map<String, String> versions,
			java.util.function.Predicate<String> applied) {
		new java.util.TreeMap<>(versions).forEach((url, version) -> {
			if (applied.test(url)) {
				expansion.addParameter().setName(name).setValue(new UriType(url + "|" + version));
			}
		});
	}

	/**
	 * Whether the codes are written as their code system's hierarchy. Never when the client said
	 * {@code excludeNested=true}, nor for less than the whole expansion (nesting a page would hide
	 * where its codes sit), nor for a value set that lists its codes (they come back as listed), nor
	 * for a text search of a whole code system (a typeahead's ranked matches, flat, as HL7's reference
	 * server answers it). When the client said {@code excludeNested=false}, any other value set nests.
	 * When it said nothing, a value set nests only where its expansion is one code system's
	 * hierarchy, as HL7's reference expander decides: a single include of a whole code system or of
	 * one filter on it, with no exclude and no imported value set; a value set that combines several
	 * sources is flat. A text filter on a value set that is one filter's hierarchy (e.g. is-a) narrows
	 * that hierarchy: matches nest under the matches above them, in ranked order among siblings.
	 */
	private static boolean nests(ValueSet source, ExpansionRequest request) {
		List<ValueSet.ConceptSetComponent> includes = source.getCompose().getInclude();
		if (Boolean.TRUE.equals(request.excludeNested()) || request.count() != null || request.start() != 0
				|| includes.stream().anyMatch(ValueSet.ConceptSetComponent::hasConcept)) {
			return false;
		}
		if (request.filter() != null && includes.stream().anyMatch(i -> i.hasSystem() && !i.hasFilter())) {
			return false; // a search of a whole code system
		}
		if (Boolean.FALSE.equals(request.excludeNested())) {
			return true;
		}
		return includes.size() == 1 && !includes.get(0).hasValueSet() && includes.get(0).getFilter().size() <= 1
				&& !source.getCompose().hasExclude();
	}

	/**
	 * Places each code under a parent that is also in the expansion (the first such, for a code with
	 * several), keeping the expansion's order among siblings, and returns the top-level codes. A
	 * parent that would make a loop (a code system whose hierarchy has a cycle) is passed over.
	 */
	private static List<ValueSetExpansionContainsComponent> nest(List<ExpansionEntry> page,
			Map<String, ValueSetExpansionContainsComponent> written, boolean byDefault) {
		Map<String, String> parentOf = new java.util.HashMap<>();
		for (ExpansionEntry e : page) {
			for (String parent : e.concept().parents()) {
				String key = e.system() + "|" + e.version() + "#" + parent; // as ExpansionEntry.versionedKey
				if (written.containsKey(key) && !reaches(parentOf, key, e.versionedKey())) {
					parentOf.put(e.versionedKey(), key);
					break;
				}
			}
		}
		int depth = depth(parentOf);
		if (depth > MAX_NESTING) {
			if (byDefault) {
				return null; // nesting was this server's choice, not the client's: a hierarchy too deep to write comes back flat
			}
			throw TerminologyException.tooCostly(Messages.NESTING_TOO_DEEP.text(depth, MAX_NESTING));
		}
		List<ValueSetExpansionContainsComponent> top = new java.util.ArrayList<>();
		written.forEach((key, c) -> {
			String parent = parentOf.get(key);
			if (parent == null) {
				top.add(c);
			} else {
				written.get(parent).addContains(c);
			}
		});
		return top;
	}

	/** The deepest nesting a nested expansion may have: each level is a level of the JSON or XML a client parses. */
	static final int MAX_NESTING = 100;

	/** The depth of the nesting, counted once per code without recursion, stopping once past {@link #MAX_NESTING}. */
	private static int depth(Map<String, String> parentOf) {
		int deepest = 0;
		Map<String, Integer> depth = new java.util.HashMap<>();
		java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
		for (String start : parentOf.keySet()) {
			String at = start;
			while (at != null && !depth.containsKey(at)) {
				path.push(at);
				at = parentOf.get(at);
			}
			int d = at == null ? 0 : depth.get(at);
			while (!path.isEmpty()) {
				depth.put(path.pop(), ++d);
			}
			deepest = Math.max(deepest, d);
			if (d > MAX_NESTING) {
				return d;
			}
		}
		return deepest;
	}

	/** Whether following chosen parents up from {@code from} arrives at {@code target}. */
	private static boolean reaches(Map<String, String> parentOf, String from, String target) {
		for (String at = from; at != null; at = parentOf.get(at)) {
			if (at.equals(target)) {
				return true;
			}
		}
		return false;
	}

	/** The code systems of which an expansion draws on more than one version, from its {@code url|version} list. */
	private static Set<String> severalVersions(List<String> codeSystems) {
		Map<String, Long> versionsPerSystem = codeSystems.stream()
				.collect(java.util.stream.Collectors.groupingBy(c -> Canonical.parse(c).url(), java.util.stream.Collectors.counting()));
		return versionsPerSystem.entrySet().stream().filter(v -> v.getValue() > 1).map(Map.Entry::getKey)
				.collect(java.util.stream.Collectors.toSet());
	}

	private static ValueSetExpansionContainsComponent contains(ExpansionEntry e, ExpansionRequest request, LanguagePreference language,
			CodeSystems codeSystems) {
		ValueSetExpansionContainsComponent c = new ValueSetExpansionContainsComponent();
		c.setSystem(e.system()); // the version is reported in the used-codesystem parameter, and per code only when there are several
		c.setCode(e.concept().code());
		String writtenIn = request.displayLanguage() == null ? null // the common case costs no code system lookup
				: codeSystems.apply(e).map(CodeSystemIndex::language).orElse(null);
		String display = request.displayLanguage() == null ? e.display()
				: DisplayCheck.displayFor(writtenIn, e.concept(), e.display(), language);
		c.setDisplay(display);
		if (e.concept().inactive()) {
			c.setInactive(true);
		}
		if (e.concept().notSelectable()) {
			c.setAbstract(true);
		}
		// how to show the code and the like, as its code system says (see EchoedExtensions)
		e.concept().extensions().forEach(ext -> c.addExtension(ext.copy()));
		if (e.mark() != null) { // the value set's own mark on the code, echoed as it was written
			c.addExtension(e.mark().url(), e.mark().value().copy());
		}
		if (request.includeDesignations() || !request.designations().isEmpty()) {
			for (Designation d : designations(e, display, writtenIn)) {
				if (request.designations().isEmpty() || request.designations().stream().anyMatch(token -> named(d, token))) {
					ValueSet.ConceptReferenceDesignationComponent written = c.addDesignation().setLanguage(d.language())
							.setUse(d.use() == null ? null : d.use().copy()).setValue(d.value());
					d.extensions().forEach(ext -> written.addExtension(ext.copy()));
				}
			}
		}
		return c;
	}

	/**
	 * The designations listed with an entry. When a designation was shown as the display, it is not
	 * listed again, and the code system's own display is listed first in its place, in the code
	 * system's language, as HL7's servers answer.
	 */
	private static List<Designation> designations(ExpansionEntry e, String display, String writtenIn) {
		List<Designation> own = e.concept().designations();
		if (e.display() == null || e.display().equals(display)) {
			return own;
		}
		// the code system's own display is listed whenever another (or none, in a language it has no name in) is shown
		List<Designation> listed = new java.util.ArrayList<>();
		listed.add(Designation.displayOfCodeSystem(writtenIn, e.display()));
		own.stream().filter(d -> display == null || !display.equals(d.value())).forEach(listed::add);
		return listed;
	}

	/**
	 * Whether a designation is the one a {@code designation} token names: by its language tag exactly
	 * ("de" does not name "de-CH"), or by use as {@code system|code}.
	 */
	private static boolean named(Designation d, String token) {
		int bar = token.lastIndexOf('|');
		if (bar < 0 || token.startsWith("urn:ietf:bcp:47|")) {
			return d.language() != null && d.language().equalsIgnoreCase(token.substring(bar + 1));
		}
		return d.use() != null && token.substring(0, bar).equals(d.use().getSystem()) && token.substring(bar + 1).equals(d.use().getCode());
	}

	/** The values of one property of a concept: its definition, its place in the hierarchy, or a property it states. */
	private static List<Type> propertyValues(Concept concept, String property) {
		return switch (property) {
			case "definition" -> concept.definition() == null ? List.of() : List.of(new StringType(concept.definition()));
			case "parent" -> concept.parents().stream().<Type>map(CodeType::new).toList();
			case "child" -> concept.children().stream().<Type>map(CodeType::new).toList();
			default -> concept.propertiesNamed(property).stream().map(PropertyValue::value).filter(java.util.Objects::nonNull).toList();
		};
	}

	private static String uriOf(ExpansionEntry e, String property, CodeSystems codeSystems) {
		String declared = codeSystems.apply(e).flatMap(cs -> cs.propertyUri(property)).orElse(null);
		if (declared != null) {
			return declared;
		}
		if (DERIVED_URIS.containsKey(property)) {
			return DERIVED_URIS.get(property);
		}
		return STANDARD.contains(property) ? STANDARD_PROPERTIES + property : null;
	}
}
