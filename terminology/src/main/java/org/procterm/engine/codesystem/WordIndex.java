package org.procterm.engine.codesystem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typeahead index of one code system: every search word (see {@link Concept#searchWords()})
 * in sorted order with the ordinals of the concepts that have it, and every code in sorted order.
 * A filter word is a prefix, so the words it matches are one contiguous range found by binary
 * search. Concepts are named by ordinal (their place in the code system) so that a caller can map
 * them to expansion positions with an array instead of a hash lookup. Built on the first typeahead
 * request, not at load, because most code systems are never searched that way.
 */
final class WordIndex {

	private final String[] words;
	private final int[][] postings;
	private final String[] codes;
	private final int[] byCode;
	private final Map<Concept, Integer> ordinals;

	private WordIndex(String[] words, int[][] postings, String[] codes, int[] byCode, Map<Concept, Integer> ordinals) {
		this.words = words;
		this.postings = postings;
		this.codes = codes;
		this.byCode = byCode;
		this.ordinals = ordinals;
	}

	static WordIndex of(Concept[] ordered) {
		Map<String, IntList> byWord = new TreeMap<>();
		Map<Concept, Integer> ordinals = new IdentityHashMap<>(ordered.length * 2);
		for (int ordinal = 0; ordinal < ordered.length; ordinal++) {
			ordinals.put(ordered[ordinal], ordinal);
			for (String w : ordered[ordinal].searchWords()) {
				byWord.computeIfAbsent(w, k -> new IntList()).add(ordinal);
			}
		}
		String[] words = byWord.keySet().toArray(String[]::new);
		int[][] postings = byWord.values().stream().map(IntList::toArray).toArray(int[][]::new);
		Integer[] sorted = new Integer[ordered.length];
		Arrays.setAll(sorted, i -> i);
		Arrays.sort(sorted, Comparator.comparing(i -> ordered[i].code().toLowerCase(Locale.ROOT)));
		String[] codes = Arrays.stream(sorted).map(i -> ordered[i].code().toLowerCase(Locale.ROOT)).toArray(String[]::new);
		return new WordIndex(words, postings, codes, Arrays.stream(sorted).mapToInt(Integer::intValue).toArray(), ordinals);
	}

	/** The ordinal of {@code concept} in this code system, or -1 if it is not one of its concepts. */
	int ordinalOf(Concept concept) {
		return ordinals.getOrDefault(concept, -1);
	}

	/**
	 * The ordinals of every concept that matches: those whose code begins with the filter, and
	 * those with a word beginning with each filter word. One may appear twice (by its code and by
	 * its words, or by two words in the prefix range).
	 */
	int[] candidates(String rawFilter, List<String> filterWords, Concept[] ordered) {
		IntList found = new IntList();
		String codePrefix = rawFilter.toLowerCase(Locale.ROOT);
		for (int i = lowerBound(codes, codePrefix); i < codes.length && codes[i].startsWith(codePrefix); i++) {
			found.add(byCode[i]);
		}
		if (filterWords.isEmpty()) {
			return found.toArray();
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
			for (int ordinal : postings[i]) {
				if (filterWords.size() == 1 || hasEveryWord(ordered[ordinal], filterWords)) {
					found.add(ordinal);
				}
			}
		}
		return found.toArray();
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

	/** A growable list of ints, so that postings of a million concepts are not a million boxed Integers. */
	private static final class IntList {
		private int[] values = new int[4];
		private int size;

		void add(int value) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = value;
		}

		int[] toArray() {
			return Arrays.copyOf(values, size);
		}
	}
}
