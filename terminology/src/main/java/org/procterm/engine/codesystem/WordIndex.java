package org.procterm.engine.codesystem;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typeahead index of one code system. It holds:
 * <ul>
 * <li>every search word (see {@link Concept#searchWords()}), sorted, with the ordinals of the concepts that have it;</li>
 * <li>every code, sorted;</li>
 * <li>the ordinals sorted by normalized display.</li>
 * </ul>
 * A typed word or code is a prefix, so what it matches is one contiguous range found by binary
 * search. Matches are answered as bit sets over ordinals: a union per typed word and an
 * intersection across words cost a few machine words per thousand concepts. A word found in more
 * than one concept in 32 keeps its concepts as a bit set rather than a list of ordinals: that is
 * no larger, and a broad prefix such as "l" is then a union of machine words, not a bit set one
 * ordinal at a time. Built on the first typeahead request, not at load, because most code systems
 * are never searched that way.
 */
final class WordIndex {

	private final Concept[] ordered;
	private final String[] words;
	/** Per word, the ordinals of its concepts, or null where {@link #dense} holds them. */
	private final int[][] postings;
	/** Per word, its concepts as the words of a bit set over ordinals, or null where {@link #postings} holds them. */
	private final long[][] dense;
	private final int[] postingsCounts;
	private final String[] codes;
	private final int[] byCode;
	private final int[] byDisplay;
	private final BitSet inactive;

	private WordIndex(Concept[] ordered, String[] words, int[][] postings, String[] codes, int[] byCode, int[] byDisplay, BitSet inactive) {
		this.ordered = ordered;
		this.words = words;
		this.postingsCounts = Arrays.stream(postings).mapToInt(p -> p.length).toArray();
		this.dense = new long[postings.length][];
		for (int i = 0; i < postings.length; i++) {
			if (postings[i].length > ordered.length / 32) {
				dense[i] = bitsOf(postings[i], ordered.length);
				postings[i] = null;
			}
		}
		this.postings = postings;
		this.codes = codes;
		this.byCode = byCode;
		this.byDisplay = byDisplay;
		this.inactive = inactive;
	}

	static WordIndex of(Concept[] ordered) {
		Map<String, IntList> byWord = new TreeMap<>();
		BitSet inactive = new BitSet(ordered.length);
		for (int ordinal = 0; ordinal < ordered.length; ordinal++) {
			for (String w : ordered[ordinal].searchWords()) {
				byWord.computeIfAbsent(w, k -> new IntList()).add(ordinal);
			}
			inactive.set(ordinal, ordered[ordinal].inactive());
		}
		String[] words = byWord.keySet().toArray(String[]::new);
		int[][] postings = byWord.values().stream().map(IntList::toArray).toArray(int[][]::new);
		String[] lowerCodes = Arrays.stream(ordered).map(c -> c.code().toLowerCase(Locale.ROOT)).toArray(String[]::new);
		int[] byCode = sortedBy(lowerCodes);
		String[] codes = Arrays.stream(byCode).mapToObj(i -> lowerCodes[i]).toArray(String[]::new);
		// the normalized displays are needed only to sort; searches normalize the few they compare
		int[] byDisplay = sortedBy(Arrays.stream(ordered).map(WordIndex::displayKey).toArray(String[]::new));
		return new WordIndex(ordered, words, postings, codes, byCode, byDisplay, inactive);
	}

	private static int[] sortedBy(String[] keys) {
		Integer[] sorted = new Integer[keys.length];
		Arrays.setAll(sorted, i -> i);
		Arrays.sort(sorted, Comparator.comparing(i -> keys[i]));
		return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
	}

	private static String displayKey(Concept c) {
		return c.display() == null ? "" : TextMatch.normalize(c.display());
	}

	/** The ordinals of the inactive concepts. Shared: callers must not change it. */
	BitSet inactive() {
		return inactive;
	}

	/**
	 * The concepts that match, by rank: element {@code r} holds the ordinals of
	 * {@link TextMatch.Rank} {@code r}, and no ordinal is in two elements. A concept matches when its
	 * code begins with the filter, or when each filter word begins one of its search words.
	 */
	BitSet[] matches(String rawFilter, String normalizedFilter, List<String> filterWords) {
		BitSet[] byRank = new BitSet[TextMatch.Rank.values().length];
		Arrays.setAll(byRank, r -> new BitSet(ordered.length));
		BitSet exact = byRank[TextMatch.Rank.EXACT_CODE.ordinal()];
		BitSet codePrefix = byRank[TextMatch.Rank.CODE_PREFIX.ordinal()];
		String lowerFilter = rawFilter.toLowerCase(Locale.ROOT);
		for (int i = lowerBound(codes, lowerFilter); i < codes.length && codes[i].startsWith(lowerFilter); i++) {
			(codes[i].length() == lowerFilter.length() ? exact : codePrefix).set(byCode[i]);
		}
		if (filterWords.isEmpty()) {
			return byRank;
		}
		BitSet byWords = everyWord(filterWords);
		BitSet displayPrefix = byRank[TextMatch.Rank.DISPLAY_PREFIX.ordinal()];
		for (int i = firstDisplayNotBefore(normalizedFilter, false), end = firstDisplayNotBefore(normalizedFilter, true); i < end; i++) {
			displayPrefix.set(byDisplay[i]);
		}
		displayPrefix.and(byWords);
		BitSet byCodes = (BitSet) exact.clone();
		byCodes.or(codePrefix);
		displayPrefix.andNot(byCodes);
		byWords.andNot(byCodes);
		byWords.andNot(displayPrefix);
		byRank[TextMatch.Rank.WORDS.ordinal()] = byWords;
		return byRank;
	}

	/**
	 * The concepts with a search word beginning with each filter word. The rarest word sets the
	 * candidates. Each further word is intersected as a bit set when that costs about as much as
	 * checking the remaining candidates one by one, and checked per candidate otherwise.
	 */
	private BitSet everyWord(List<String> filterWords) {
		List<String> rarestFirst = filterWords.stream().sorted(Comparator.comparingLong(this::postingsCount)).toList();
		BitSet found = union(rarestFirst.get(0));
		for (String word : rarestFirst.subList(1, rarestFirst.size())) {
			int candidates = found.cardinality();
			if (candidates == 0) {
				break;
			}
			if (postingsCount(word) <= 8L * candidates) {
				found.and(union(word));
			} else {
				for (int o = found.nextSetBit(0); o >= 0; o = found.nextSetBit(o + 1)) {
					if (!hasWordStartingWith(ordered[o], word)) {
						found.clear(o);
					}
				}
			}
		}
		return found;
	}

	private BitSet union(String prefix) {
		long[] bits = new long[wordsFor(ordered.length)];
		for (int i = lowerBound(words, prefix); i < words.length && words[i].startsWith(prefix); i++) {
			if (dense[i] != null) {
				long[] word = dense[i];
				for (int k = 0; k < bits.length; k++) {
					bits[k] |= word[k];
				}
			} else {
				for (int ordinal : postings[i]) {
					bits[ordinal >>> 6] |= 1L << ordinal;
				}
			}
		}
		return BitSet.valueOf(bits);
	}

	private static long[] bitsOf(int[] ordinals, int size) {
		long[] bits = new long[wordsFor(size)];
		for (int ordinal : ordinals) {
			bits[ordinal >>> 6] |= 1L << ordinal;
		}
		return bits;
	}

	private static int wordsFor(int bits) {
		return (bits + 63) >>> 6;
	}

	private long postingsCount(String prefix) {
		long n = 0;
		for (int i = lowerBound(words, prefix); i < words.length && words[i].startsWith(prefix); i++) {
			n += postingsCounts[i];
		}
		return n;
	}

	private static boolean hasWordStartingWith(Concept c, String prefix) {
		for (String w : c.searchWords()) {
			if (w.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first place in display order whose display sorts at or after {@code prefix}, or, with
	 * {@code pastPrefix}, the first after every display that begins with it. Binary search, so only
	 * some twenty displays are normalized, however many begin with the prefix.
	 */
	private int firstDisplayNotBefore(String prefix, boolean pastPrefix) {
		int low = 0;
		int high = byDisplay.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			String key = displayKey(ordered[byDisplay[mid]]);
			if (key.compareTo(prefix) < 0 || pastPrefix && key.startsWith(prefix)) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}
		return low;
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
