package org.procterm.engine.codesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.BooleanType;
import org.procterm.engine.Messages;

/**
 * Whether a CPT expression is one CPT allows: its code exists and is not a modifier, each modifier
 * exists and is one, no modifier is repeated, and the pairing rules hold. The pairing rules are
 * data ({@code cpt-modifier-rules.properties}); the problems are named part by part.
 */
public final class ModifierRules {

	/** A group of modifiers bound to the codes a pattern matches: used only with them, or never with them. */
	private record Group(Set<String> modifiers, Pattern codes, String describe, boolean only) {}

	private final List<Group> groups;
	private final List<Set<String>> exclusive;

	private ModifierRules(List<Group> groups, List<Set<String>> exclusive) {
		this.groups = List.copyOf(groups);
		this.exclusive = List.copyOf(exclusive);
	}

	/** The rules shipped with procterm, read once. */
	public static final ModifierRules STANDARD = standard();

	private static ModifierRules standard() {
		try (InputStream in = ModifierRules.class.getResourceAsStream("/cpt-modifier-rules.properties")) {
			if (in == null) {
				throw new IllegalStateException("cpt-modifier-rules.properties is missing from the jar");
			}
			Properties p = new Properties();
			p.load(in);
			return of(p);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ModifierRules of(Properties p) {
		List<Group> groups = new ArrayList<>();
		for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
			String[] parts = key.split("\\.");
			if (parts.length == 3 && parts[2].equals("modifiers") && (parts[0].equals("only") || parts[0].equals("never"))) {
				String prefix = parts[0] + "." + parts[1] + ".";
				groups.add(new Group(Set.of(p.getProperty(key).split("\\s*,\\s*")), Pattern.compile(p.getProperty(prefix + "codes")),
						p.getProperty(prefix + "describe", p.getProperty(prefix + "codes")), parts[0].equals("only")));
			}
		}
		List<Set<String>> exclusive = new ArrayList<>();
		for (String set : p.getProperty("exclusive", "").split(";")) {
			if (!set.isBlank()) {
				exclusive.add(Set.of(set.trim().split("\\s*,\\s*")));
			}
		}
		return new ModifierRules(groups, exclusive);
	}

	/** What is wrong with {@code expression} in {@code cs}, each problem naming its part; empty when it is valid. */
	public List<String> problems(CodeSystemIndex cs, CptExpression expression) {
		List<String> problems = new ArrayList<>();
		Optional<Concept> base = cs.find(expression.base());
		if (base.isEmpty()) {
			problems.add(Messages.EXPRESSION_UNKNOWN_BASE.text(expression.base()));
		} else if (isModifier(base.get())) {
			problems.add(Messages.EXPRESSION_BASE_IS_MODIFIER.text(expression.base()));
		}
		if (expression.tooManyModifiers()) {
			problems.add(Messages.EXPRESSION_TOO_MANY_MODIFIERS.text(CptExpression.MAX_MODIFIERS));
			return problems;
		}
		if (expression.modifiers().isEmpty() || expression.modifiers().stream().anyMatch(String::isEmpty)) {
			problems.add(Messages.EXPRESSION_EMPTY_MODIFIER.text());
		}
		Set<String> seen = new HashSet<>();
		String baseCode = base.map(Concept::code).orElse(expression.base());
		List<String> used = new ArrayList<>();
		for (String written : expression.modifiers()) {
			if (written.isEmpty()) {
				continue;
			}
			Optional<Concept> found = cs.find(written);
			// the rules compare the code system's own spelling, so a case-insensitive system cannot slip past them
			String modifier = found.map(Concept::code).orElse(written);
			if (!seen.add(modifier)) {
				problems.add(Messages.EXPRESSION_REPEATED_MODIFIER.text(written));
				continue;
			}
			used.add(modifier);
			if (found.isEmpty()) {
				problems.add(Messages.EXPRESSION_UNKNOWN_MODIFIER.text(written));
			} else if (!isModifier(found.get())) {
				problems.add(Messages.EXPRESSION_NOT_A_MODIFIER.text(written));
			}
			for (Group g : groups) {
				if (g.modifiers().contains(modifier) && g.codes().matcher(baseCode).matches() != g.only()) {
					problems.add((g.only() ? Messages.EXPRESSION_ONLY_WITH : Messages.EXPRESSION_NEVER_WITH).text(written, g.describe(), expression.base()));
				}
			}
		}
		for (Set<String> set : exclusive) {
			List<String> together = used.stream().filter(set::contains).toList();
			if (together.size() > 1) {
				problems.add(Messages.EXPRESSION_EXCLUSIVE.text(String.join(", ", together), String.join(", ", new java.util.TreeSet<>(set))));
			}
		}
		return problems;
	}

	private static boolean isModifier(Concept c) {
		return c.propertiesNamed("modifier").stream().anyMatch(p -> p.value() instanceof BooleanType b && b.booleanValue());
	}

	@Override
	public String toString() {
		return groups.size() + " modifier groups, " + exclusive.size() + " exclusive sets " + Arrays.toString(exclusive.toArray());
	}
}
