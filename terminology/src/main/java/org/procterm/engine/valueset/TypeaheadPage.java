package org.procterm.engine.valueset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.procterm.engine.ContentSource;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.TextMatch;

/**
 * One page of an expansion as {@code $expand} answers it: with a text {@code filter}, the codes
 * that match, ranked (the code, then display prefixes, then word matches) and counted; then
 * {@code offset} and {@code count}. A large expansion is filtered through the word index of each
 * code system it draws on; a small one by looking at each code.
 *
 * @param entries the codes of the page
 * @param total how many codes matched in all
 */
public record TypeaheadPage(List<ExpansionEntry> entries, int total) {

	/** Below this many codes a value set is filtered by looking at each; above, through the word index. */
	static final int INDEXED_FILTER_FROM = 2000;

	private record Ranked(ExpansionEntry entry, TextMatch.Rank rank) {}

	static TypeaheadPage of(ContentSource content, Expansion expansion, ExpansionRequest request) {
		TextMatch match = TextMatch.of(request.filter());
		if (match != null && expansion.entries().size() > INDEXED_FILTER_FROM) {
			TypeaheadPage indexed = byIndex(content, expansion, match, request.onlyActive(), request.start(), request.count());
			if (indexed != null) {
				return indexed;
			}
		}
		List<ExpansionEntry> entries;
		if (match != null) {
			entries = rankEach(expansion.entries(), match, request.onlyActive());
		} else {
			entries = request.onlyActive() ? expansion.entries().stream().filter(e -> !e.concept().inactive()).toList() : expansion.entries();
		}
		int from = Math.min(request.start(), entries.size());
		int to = request.count() == null ? entries.size() : (int) Math.min((long) from + request.count(), entries.size());
		return new TypeaheadPage(entries.subList(from, to), entries.size());
	}

	/**
	 * The typeahead filter over a large expansion, through the word index of each code system the
	 * expansion draws on. Same answer as ranking every entry, in the same order: by rank, then by
	 * position in the expansion. Matches come as bit sets per rank over ordinals, so the total is a
	 * count of bits. When the expansion keeps its one code system's order, the page is read straight
	 * from those sets and stops once it is full. Otherwise the matches are first moved to bit sets
	 * over expansion positions. Null when a code system of the expansion is not in the catalog, so
	 * its index cannot be used.
	 */
	private static TypeaheadPage byIndex(ContentSource content, Expansion expansion, TextMatch match, boolean activeOnly, int offset, Integer count) {
		List<BitSet[]> matched = new ArrayList<>();
		List<Expansion.Placement> placements = new ArrayList<>();
		for (Expansion.Source source : expansion.sources()) {
			Optional<CodeSystemIndex> cs = content.codeSystem(source.system(), source.version())
					.filter(i -> Objects.equals(i.version(), source.version()));
			if (cs.isEmpty()) {
				return null; // content not in this catalog (it came inline): the caller looks at each entry
			}
			Expansion.Placement placement = expansion.placementIn(cs.get());
			BitSet[] byRank = match.matchesIn(cs.get());
			for (BitSet marks : byRank) {
				marks.and(placement.members());
				if (activeOnly) {
					marks.andNot(cs.get().inactiveOrdinals());
				}
			}
			matched.add(byRank);
			placements.add(placement);
		}
		boolean inOrder = matched.size() == 1 && placements.get(0).inOrder();
		BitSet[] byRank = inOrder ? matched.get(0) : toPositions(matched, placements, expansion.entries().size());
		int[] positions = inOrder ? placements.get(0).positions() : null; // null: the bits are positions already
		int total = 0;
		for (BitSet marks : byRank) {
			total += marks.cardinality();
		}
		int wanted = count == null ? Integer.MAX_VALUE : count;
		List<ExpansionEntry> page = new ArrayList<>(Math.min(wanted, 100));
		int skip = offset;
		for (BitSet marks : byRank) {
			for (int i = marks.nextSetBit(0); i >= 0 && page.size() < wanted; i = marks.nextSetBit(i + 1)) {
				if (skip > 0) {
					skip--;
				} else {
					page.add(expansion.entries().get(positions == null ? i : positions[i]));
				}
			}
		}
		return new TypeaheadPage(page, total);
	}

	/** The matches of several code systems, or of one out of order, as one bit set per rank over expansion positions. */
	private static BitSet[] toPositions(List<BitSet[]> matched, List<Expansion.Placement> placements, int size) {
		BitSet[] byPosition = new BitSet[TextMatch.Rank.values().length];
		Arrays.setAll(byPosition, r -> new BitSet(size));
		for (int s = 0; s < matched.size(); s++) {
			int[] positions = placements.get(s).positions();
			for (int r = 0; r < byPosition.length; r++) {
				BitSet marks = matched.get(s)[r];
				for (int o = marks.nextSetBit(0); o >= 0; o = marks.nextSetBit(o + 1)) {
					byPosition[r].set(positions[o]);
				}
			}
		}
		return byPosition;
	}

	private static List<ExpansionEntry> rankEach(List<ExpansionEntry> entries, TextMatch match, boolean activeOnly) {
		return entries.stream()
				.filter(e -> !activeOnly || !e.concept().inactive())
				.map(e -> new Ranked(e, match.rank(e.concept())))
				.filter(r -> r.rank() != TextMatch.Rank.NONE)
				.sorted(Comparator.comparing(Ranked::rank))
				.map(Ranked::entry)
				.toList();
	}
}
