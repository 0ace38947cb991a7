package org.procterm.engine.codesystem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typeahead index of one code system: every search word (see {@link Concept#searchWords()})
 * in sorted order with the concepts that have it, and every code in sorted order. A filter word
 * is a prefix, so the words it matches are one contiguous range found by binary search. Built on
 * the first typeahead request, not at load, because most code systems are never searched that way.
 */
final class WordIndex {

	private final String[] words;
	private final Concept[][] postings;
	private final String[] codes;
	private final Concept[] byCode;

	private WordIndex(String[] words, Concept[][] postings, String[] codes, Concept[] byCode) {
		this.words = words;
		this.postings = postings;
		this.codes = codes;
		this.byCode = byCode;
	}

	static WordIndex of(Iterable<Concept> concepts) {
		Map<String, List<Concept>> byWord = new TreeMap<>();
		List<Concept> all = new ArrayList<>();
		for (Concept c : concepts) {
			all.add(c);
			for (String w : c.searchWords()) {
				byWord.computeIfAbsent(w, k -> new ArrayList<>(2)).add(c);
			}
		}
		String[] words = byWord.keySet().toArray(String[]::new);
		Concept[][] postings = byWord.values().stream().map(l -> l.toArray(Concept[]::new)).toArray(Concept[][]::new);
		all.sort(Comparator.comparing(c -> c.code().toLowerCase(Locale.ROOT)));
		String[] codes = all.stream().map(c -> c.code().toLowerCase(Locale.ROOT)).toArray(String[]::new);
		return new WordIndex(words, postings, codes, all.toArray(Concept[]::new));
	}

	/**
	 * Every concept that may match: those whose code begins with the filter, and those with a word
	 * beginning with each filter word. The caller ranks them with {@link TextMatch#rank}, which
	 * has the final say; this only keeps it from looking at every concept. A concept may appear
	 * twice (by its code and by its words, or by two words in the prefix range).
	 */
	List<Concept> candidates(String rawFilter, List<String> filterWords) {
		List<Concept> found = new ArrayList<>();
		String codePrefix = rawFilter.toLowerCase(Locale.ROOT);
		for (int i = lowerBound(codes, codePrefix); i < codes.length && codes[i].startsWith(codePrefix); i++) {
			found.add(byCode[i]);
		}
		if (filterWords.isEmpty()) {
			return found;
		}
		// drive from the filter word with the fewest concepts, then check the other words per concept
		String driver = null;
		long fewest = Long.MAX_VALUE;
		for (String w : filterWords) {
			long n = postingsCount(w);
			if (n < fewest) {
				fewest = n;
				driver = w;
			}
		}
		for (int i = lowerBound(words, driver); i < words.length && words[i].startsWith(driver); i++) {
			for (Concept c : postings[i]) {
				if (filterWords.size() == 1 || hasEveryWord(c, filterWords)) {
					found.add(c);
				}
			}
		}
		return found;
	}

	private long postingsCount(String prefix) {
		long n = 0;
		for (int i = lowerBound(words, prefix); i < words.length && words[i].startsWith(prefix); i++) {
			n += postings[i].length;
		}
		return n;
	}

	private static boolean hasEveryWord(Concept c, List<String> filterWords) {
		for (String wanted : filterWords) {
			boolean any = false;
			for (String w : c.searchWords()) {
				if (w.startsWith(wanted)) {
					any = true;
					break;
				}
			}
			if (!any) {
				return false;
			}
		}
		return true;
	}

	private static int lowerBound(String[] sorted, String key) {
		int i = Arrays.binarySearch(sorted, key);
		return i >= 0 ? i : -i - 1;
	}
}
