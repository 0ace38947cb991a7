package org.procterm.engine.valueset;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.Coding;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.PropertyValue;

/** Turns one {@code compose.include.filter} into a test on the concepts of one code system. */
final class ConceptFilter {

	/** HL7's cross-version extension that carries an R5 filter operator in an R4 ValueSet. */
	static final String R5_FILTER_OP = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.compose.include.filter.op";

	private ConceptFilter() {}

	static Predicate<Concept> of(ConceptSetFilterComponent filter, CodeSystemIndex cs) {
		String property = filter.getProperty();
		String value = filter.getValue();
		// the code as written: R5 operators such as child-of have no R4 enum constant, so getOp() is null for them;
		// converted from R5, such an operator arrives in HL7's cross-version extension on the op element instead
		String op = filter.getOpElement().getValueAsString();
		if (op == null && filter.getOpElement().hasExtension(R5_FILTER_OP)) {
			op = filter.getOpElement().getExtensionByUrl(R5_FILTER_OP).getValue().primitiveValue();
		}
		if (property != null && !property.isBlank() && op != null && value == null) {
			throw TerminologyException.invalidValueSet(Messages.FILTER_WITHOUT_VALUE.say(cs.url(), property, op));
		}
		if (property == null || property.isBlank() || op == null || value == null) {
			throw TerminologyException.invalidValueSet("A ValueSet filter on " + cs.url()
					+ " needs a property, an op and a value; got property='" + property + "', op='" + op + "', value='" + value + "'");
		}
		boolean onCode = property.equals("concept") || property.equals("code");
		switch (op) {
			case "is-a":
				return hierarchy(cs, value, true, cs.descendantsOf(value));
			case "descendent-of":
				return hierarchy(cs, value, false, cs.descendantsOf(value));
			case "is-not-a": {
				Predicate<Concept> isA = hierarchy(cs, value, true, cs.descendantsOf(value));
				return isA.negate();
			}
			case "generalizes":
				return hierarchy(cs, value, true, cs.ancestorsOf(value));
			case "child-of": // R5, asked of R4 servers too
				return c -> c.parents().contains(value);
			case "descendent-leaf": { // R5: the descendants that have no children
				Set<String> below = cs.descendantsOf(value);
				return c -> c.children().isEmpty() && below.contains(c.code());
			}
			case "=":
				return onCode ? c -> c.code().equals(value) : c -> hasValue(c, property, Set.of(value));
			case "in": {
				Set<String> values = split(value);
				return onCode ? inCodes(values, cs) : c -> hasValue(c, property, values);
			}
			case "not-in": {
				Set<String> values = split(value);
				return onCode ? inCodes(values, cs).negate() : c -> !hasValue(c, property, values);
			}
			case "regex": {
				// RE2/J runs in time linear in the input, so a client's pattern such as (a+)+ cannot stall the server;
				// its cost per character grows with the pattern, so the pattern's size and nesting are bounded too
				checkRegexSize(value);
				Pattern pattern;
				try {
					pattern = Pattern.compile(value);
				} catch (PatternSyntaxException e) {
					throw TerminologyException.invalid("The regex filter '" + value + "' is not a valid regular expression: " + e.getDescription());
				}
				return onCode ? c -> pattern.matches(c.code())
						: c -> valuesOf(c, property).stream().anyMatch(pattern::matches);
			}
			case "exists": {
				if (!value.equals("true") && !value.equals("false")) {
					throw TerminologyException.invalid("The 'exists' filter takes the value true or false, not '" + value + "'");
				}
				boolean wanted = Boolean.parseBoolean(value);
				return c -> !valuesOf(c, property).isEmpty() == wanted;
			}
			default:
				throw TerminologyException.notSupported("The ValueSet filter operator '" + op + "' on property '"
						+ property + "' is not supported; supported: is-a, descendent-of, is-not-a, generalizes, child-of, descendent-leaf, =, in, not-in, regex, exists");
		}
	}

	/** The longest regex filter accepted: ample for real patterns, and a bound on the work per character matched. */
	static final int MAX_REGEX_LENGTH = 256;
	/** The deepest nesting of groups accepted; RE2/J parses groups recursively. */
	static final int MAX_REGEX_NESTING = 16;

	private static void checkRegexSize(String regex) {
		if (regex.length() > MAX_REGEX_LENGTH) {
			throw TerminologyException.invalid("The regex filter is " + regex.length() + " characters long; this server accepts at most "
					+ MAX_REGEX_LENGTH);
		}
		int depth = 0;
		int deepest = 0;
		boolean inClass = false;
		for (int i = 0; i < regex.length(); i++) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i++; // an escaped character is a literal
			} else if (inClass) {
				inClass = c != ']';
			} else if (c == '[') {
				inClass = true;
			} else if (c == '(') {
				deepest = Math.max(deepest, ++depth);
			} else if (c == ')') {
				depth--;
			}
		}
		if (deepest > MAX_REGEX_NESTING) {
			throw TerminologyException.invalid("The regex filter nests groups " + deepest + " deep; this server accepts at most "
					+ MAX_REGEX_NESTING);
		}
	}

	/**
	 * Codes listed one by one or as ranges such as 22206-22226 (how CPT sections are written): an
	 * item A-B is a range when both ends have the same length and A-B is not itself a code.
	 */
	private static Predicate<Concept> inCodes(Set<String> items, CodeSystemIndex cs) {
		Set<String> single = new java.util.HashSet<>();
		List<String[]> ranges = new java.util.ArrayList<>();
		for (String item : items) {
			int dash = item.indexOf('-');
			String from = dash > 0 ? item.substring(0, dash).trim() : null;
			String to = dash > 0 ? item.substring(dash + 1).trim() : null;
			if (from != null && from.length() == to.length() && cs.find(item).isEmpty()) {
				ranges.add(new String[] {from, to});
			} else {
				single.add(item);
			}
		}
		return c -> single.contains(c.code()) || ranges.stream().anyMatch(r -> c.code().length() == r[0].length()
				&& c.code().compareTo(r[0]) >= 0 && c.code().compareTo(r[1]) <= 0);
	}

	private static Predicate<Concept> hierarchy(CodeSystemIndex cs, String code, boolean includeSelf, Set<String> related) {
		return c -> includeSelf && c.code().equals(code) || related.contains(c.code());
	}

	private static boolean hasValue(Concept c, String property, Set<String> values) {
		return valuesOf(c, property).stream().anyMatch(values::contains);
	}

	private static List<String> valuesOf(Concept c, String property) {
		if (property.equals("parent")) {
			return c.parents();
		}
		if (property.equals("child")) {
			return c.children();
		}
		if (property.equals("display")) {
			return c.display() == null ? List.of() : List.of(c.display());
		}
		return c.propertiesNamed(property).stream()
				.map(PropertyValue::value)
				.filter(v -> v != null)
				.map(v -> v instanceof Coding coding ? coding.getCode() : v.primitiveValue())
				.filter(v -> v != null)
				.toList();
	}

	private static Set<String> split(String value) {
		return Set.copyOf(Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
	}
}
