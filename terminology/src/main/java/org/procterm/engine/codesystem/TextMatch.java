package org.procterm.engine.codesystem;

import java.text.Normalizer;
import java.util.Arrays;
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

	/** The ordinals of the concepts of {@code cs} that match, found through its word index instead of a scan (possibly repeated). */
	public int[] candidatesIn(CodeSystemIndex cs) {
		return cs.candidates(rawFilter, filterWords);
	}

	/** The rank of a concept the word index already found to match (by its code or by every word). */
	public Rank rankCandidate(Concept concept) {
		Rank byCode = rankByCode(concept);
		if (byCode != null) {
			return byCode;
		}
		return concept.searchDisplay().startsWith(normalizedFilter) ? Rank.DISPLAY_PREFIX : Rank.WORDS;
	}

	public Rank rank(Concept concept) {
		Rank byCode = rankByCode(concept);
		if (byCode != null) {
			return byCode;
		}
		if (filterWords.isEmpty()) {
			return Rank.NONE;
		}
		if (concept.searchDisplay().startsWith(normalizedFilter)) {
			return Rank.DISPLAY_PREFIX;
		}
		List<String> conceptWords = concept.searchWords();
		for (String wanted : filterWords) {
			if (conceptWords.stream().noneMatch(w -> w.startsWith(wanted))) {
				return Rank.NONE;
			}
		}
		return Rank.WORDS;
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
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
	}

	static List<String> words(String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(NON_WORD.split(normalize(text))).filter(w -> !w.isEmpty()).toList();
	}
}
