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

/**
 * One version of one code system, indexed for the operations: concepts by code, the is-a
 * hierarchy in both directions,. Immutable once built, so it can be
 * read by any number of request threads without locking.
 */
public final class CodeSystemIndex {

	private final String url;
	private final String version;
	private final String name;
	private final boolean caseSensitive;
	private final Map<String, Concept> concepts;
	private final Map<String, String> codeByLowerCase;

	private CodeSystemIndex(CodeSystem cs, Map<String, Concept> concepts) {
		this.url = cs.getUrl();
		this.version = cs.getVersion();
		this.name = cs.hasName() ? cs.getName() : cs.getTitle();
		// R4 leaves case sensitivity undefined when absent; codes in the systems we serve are case-sensitive.
		this.caseSensitive = !cs.hasCaseSensitive() || cs.getCaseSensitive();
		this.concepts = concepts;
		Map<String, String> lower = new java.util.HashMap<>();
		concepts.keySet().forEach(code -> lower.putIfAbsent(code.toLowerCase(Locale.ROOT), code));
		this.codeByLowerCase = lower;
	}

	public static CodeSystemIndex of(CodeSystem cs) {
		if (!cs.hasUrl()) {
			throw new IllegalArgumentException("a CodeSystem without url cannot be served");
		}
		Map<String, ConceptDefinitionComponent> definitions = new LinkedHashMap<>();
		Map<String, Set<String>> parents = new LinkedHashMap<>();
		collect(cs.getConcept(), null, definitions, parents);
		// the parent/child properties are the other R4 way to state the hierarchy
		definitions.forEach((code, def) -> {
			for (ConceptPropertyComponent p : def.getProperty()) {
				if ("parent".equals(p.getCode()) && p.getValue() instanceof CodeType parent) {
					parents.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(parent.getValue());
				} else if ("child".equals(p.getCode()) && p.getValue() instanceof CodeType child) {
					parents.computeIfAbsent(child.getValue(), k -> new LinkedHashSet<>()).add(code);
				}
			}
		});
		Map<String, List<String>> children = new LinkedHashMap<>();
		parents.forEach((child, ps) -> ps.forEach(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(child)));

		Map<String, Concept> concepts = new LinkedHashMap<>();
		definitions.forEach((code, def) -> concepts.put(code, toConcept(def,
				List.copyOf(parents.getOrDefault(code, Set.of())), children.getOrDefault(code, List.of()))));
		return new CodeSystemIndex(cs, java.util.Collections.unmodifiableMap(concepts));
	}

	private static void collect(List<ConceptDefinitionComponent> level, String parent,
			Map<String, ConceptDefinitionComponent> definitions, Map<String, Set<String>> parents) {
		for (ConceptDefinitionComponent def : level) {
			definitions.putIfAbsent(def.getCode(), def);
			if (parent != null) {
				parents.computeIfAbsent(def.getCode(), k -> new LinkedHashSet<>()).add(parent);
			}
			collect(def.getConcept(), def.getCode(), definitions, parents);
		}
	}

	private static Concept toConcept(ConceptDefinitionComponent def, List<String> parents, List<String> children) {
		List<Designation> designations = new ArrayList<>();
		for (ConceptDefinitionDesignationComponent d : def.getDesignation()) {
			designations.add(new Designation(d.getLanguage(), d.hasUse() ? d.getUse().copy() : null, d.getValue()));
		}
		List<PropertyValue> properties = new ArrayList<>();
		boolean inactive = false;
		boolean notSelectable = false;
		for (ConceptPropertyComponent p : def.getProperty()) {
			Type value = p.getValue();
			if ("parent".equals(p.getCode()) || "child".equals(p.getCode())) {
				continue; // served from the hierarchy, which merges both forms
			}
			properties.add(new PropertyValue(p.getCode(), value == null ? null : value.copy()));
			if ("inactive".equals(p.getCode()) && value instanceof BooleanType b && b.booleanValue()) {
				inactive = true;
			}
			if ("status".equals(p.getCode()) && value != null
					&& ("retired".equals(value.primitiveValue()) || "inactive".equals(value.primitiveValue()))) {
				inactive = true;
			}
			if ("notSelectable".equals(p.getCode()) && value instanceof BooleanType b && b.booleanValue()) {
				notSelectable = true;
			}
		}
		return new Concept(def.getCode(), def.getDisplay(), def.getDefinition(), inactive, notSelectable,
				designations, properties, parents, children);
	}

	public String url() {
		return url;
	}

	public String version() {
		return version;
	}

	public String name() {
		return name;
	}

	public int size() {
		return concepts.size();
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
