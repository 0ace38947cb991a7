package org.procterm.engine.codesystem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** BCP-47 language tag matching, as far as terminology display selection needs it. */
public final class Languages {

	private Languages() {}

	/**
	 * "es" asked for matches "es" and "es-MX"; "es-MX" asked for matches "es-MX" and plain "es".
	 * Comparison is case-insensitive, as BCP-47 tags are.
	 */
	public static boolean matches(String actual, String requested) {
		if (actual == null || requested == null) {
			return false;
		}
		String a = actual.toLowerCase(Locale.ROOT);
		String r = requested.toLowerCase(Locale.ROOT);
		return a.equals(r) || primary(a).equals(primary(r)) && (a.equals(primary(a)) || r.equals(primary(r)));
	}

	/** One entry of a preference list: a tag as the client wrote it (or {@code *}) and its weight. */
	private record Range(String tag, double weight) {}

	/**
	 * A {@code displayLanguage} value or an Accept-Language header read as a preference list: each
	 * part's syntax and weight by the JDK's {@code Locale.LanguageRange}, each tag checked by
	 * {@code Locale.Builder}, in order of weight (ties in the order written), tags kept as written.
	 *
	 * @throws IllegalArgumentException naming the part that is not a language range
	 */
	public static List<String> checkedTags(String languages) {
		return ranges(languages, true).stream().filter(r -> r.weight() > 0 && !r.tag().equals("*")).map(Range::tag).toList();
	}

	/**
	 * The language tags of a {@code displayLanguage} value or an Accept-Language header, in order of
	 * preference ({@code "de;q=0.5, en-AU"} gives en-AU, de); parts that are not language ranges are
	 * passed over. Empty for null, blank or {@code *}.
	 */
	public static List<String> tags(String languages) {
		return ranges(languages, false).stream().filter(r -> r.weight() > 0 && !r.tag().equals("*")).map(Range::tag).toList();
	}

	/**
	 * Whether a preference list refuses every language it does not name ({@code "de, *; q=0"}): then
	 * a concept with no display in the named languages is shown with none, rather than in the code
	 * system's own language.
	 */
	public static boolean refusesOthers(String languages) {
		return ranges(languages, false).stream().anyMatch(r -> r.tag().equals("*") && r.weight() == 0);
	}

	private static List<Range> ranges(String languages, boolean strict) {
		if (languages == null || languages.isBlank()) {
			return List.of();
		}
		List<Range> ranges = new ArrayList<>();
		for (String part : languages.split(",")) {
			if (part.isBlank()) {
				continue;
			}
			try {
				List<Locale.LanguageRange> parsed = Locale.LanguageRange.parse(part.trim());
				String tag = part.split(";")[0].trim();
				if (!tag.equals("*")) {
					new Locale.Builder().setLanguageTag(tag); // well-formed BCP 47, or IllformedLocaleException
				}
				ranges.add(new Range(tag, parsed.isEmpty() ? 1.0 : parsed.get(0).getWeight()));
			} catch (RuntimeException e) { // IllegalArgumentException, IllformedLocaleException, and the JDK's own AIOOBE for "-"
				if (strict) {
					throw new IllegalArgumentException("'" + part.trim() + "' is not a language tag with an optional weight (e.g. de or en;q=0.5)", e);
				}
			}
		}
		List<Range> byWeight = new ArrayList<>(ranges);
		byWeight.sort(Comparator.comparingDouble(Range::weight).reversed()); // stable: ties keep the order written
		return byWeight;
	}


	private static String primary(String tag) {
		int dash = tag.indexOf('-');
		return dash < 0 ? tag : tag.substring(0, dash);
	}
}
