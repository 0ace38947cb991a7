package org.procterm.engine.codesystem;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The typeahead filter of {@code $expand}: every word typed must begin some word of the concept's
 * display or designations, ignoring case and accents ("lamin rhiz" finds "Laminectomy with
 * rhizotomy"). A filter that begins the code also matches, so a coder can type "632".
 */
public final class TextMatch {

	/** How well a concept matches; lower sorts first. */
	public enum Rank { EXACT_CODE, CODE_PREFIX, DISPLAY_PREFIX, WORDS, NONE }

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private final String rawFilter;
	private final String normalizedFilter;
	private final List<String> filterWords;

	private TextMatch(String filter) {
		this.rawFilter = filter.trim();
		this.normalizedFilter = normalize(rawFilter);
		this.filterWords = words(rawFilter);
	}

	/** A matcher for {@code filter}, or null when the filter is blank (matches everything). */
	public static TextMatch of(String filter) {
		if (filter == null || filter.isBlank()) {
			return null;
		}
		return new TextMatch(filter);
	}

	/**
	 * The concepts of {@code cs} that match, found through its word index instead of a scan: element
	 * {@code r} of the answer holds the ordinals of rank {@code r}, each ordinal in one element at most.
	 */
	public BitSet[] matchesIn(CodeSystemIndex cs) {
		return cs.matches(rawFilter, normalizedFilter, filterWords);
	}

	public Rank rank(Concept concept) {
		Rank byCode = rankByCode(concept);
		if (byCode != null) {
			return byCode;
		}
		if (filterWords.isEmpty()) {
			return Rank.NONE;
		}
		List<String> conceptWords = concept.searchWords();
		for (String wanted : filterWords) {
			if (conceptWords.stream().noneMatch(w -> w.startsWith(wanted))) {
				return Rank.NONE;
			}
		}
		// a display that begins with the filter has each filter word as a word prefix, so it was not missed above
		String display = concept.display() == null ? "" : normalize(concept.display());
		return display.startsWith(normalizedFilter) ? Rank.DISPLAY_PREFIX : Rank.WORDS;
	}

	/** EXACT_CODE or CODE_PREFIX when the filter is (the start of) the code, else null. */
	private Rank rankByCode(Concept concept) {
		String code = concept.code();
		if (code.equalsIgnoreCase(rawFilter)) {
			return Rank.EXACT_CODE;
		}
		return code.regionMatches(true, 0, rawFilter, 0, rawFilter.length()) ? Rank.CODE_PREFIX : null;
	}

	static String normalize(String text) {
		if (isPlainAscii(text)) {
			return text.toLowerCase(Locale.ROOT); // nothing to decompose: the common case, kept cheap for index builds
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
	}

	private static boolean isPlainAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	static List<String> words(String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(NON_WORD.split(normalize(text))).filter(w -> !w.isEmpty()).toList();
	}
}
