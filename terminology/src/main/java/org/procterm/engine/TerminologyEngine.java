package org.procterm.engine;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.engine.codesystem.CodeSystemIndex;

/**
 * Owns what the server serves: an immutable {@link Catalog} of indexed code systems and value sets,
 * replaced whole on every change, so a request never locks and always sees one consistent state.
 * Each request gets a {@link TerminologyContext} over the catalog as it is when the request starts;
 * the operations live in classes of their own over that context.
 */
public final class TerminologyEngine {

	private final EngineLimits limits;
	private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.empty());
	/** Counts the changes to the catalog since start, so that an answer can be tagged with the content it came from. */
	private final AtomicLong changes = new AtomicLong();
	private final long startedAt = System.currentTimeMillis();
	private volatile long changedAt = startedAt;

	public TerminologyEngine(EngineLimits limits) {
		this.limits = limits;
	}

	/**
	 * What one request sees: the content now, with the request's inline CodeSystems and ValueSets
	 * ({@code tx-resource}, never stored) and the supplements it names ({@code useSupplement}) merged in.
	 */
	public TerminologyContext context(List<CodeSystem> codeSystems, List<ValueSet> valueSets, List<String> supplements) {
		return TerminologyContext.of(catalog.get(), limits, codeSystems, valueSets, supplements);
	}

	/** What a request with no inline content or supplements sees. */
	public TerminologyContext context() {
		return context(List.of(), List.of(), List.of());
	}

	// ---- content ------------------------------------------------------------------------------

	/** Serves {@code cs} under {@code resourceId}, replacing what that id held before. */
	public void putCodeSystem(String resourceId, CodeSystem cs) {
		putCodeSystem(resourceId, CodeSystemIndex.of(cs));
	}

	/** Serves an already indexed code system under {@code resourceId} (an import read from a stream). */
	public void putCodeSystem(String resourceId, CodeSystemIndex index) {
		catalog.updateAndGet(c -> c.withCodeSystem(resourceId, index));
		changed();
	}

	public void putValueSet(String resourceId, ValueSet vs) {
		if (!vs.hasUrl()) {
			throw new IllegalArgumentException("a ValueSet without url cannot be served");
		}
		catalog.updateAndGet(c -> c.withValueSet(resourceId, vs));
		changed();
	}

	public void remove(String resourceId) {
		catalog.updateAndGet(c -> c.without(resourceId));
		changed();
	}

	public List<CodeSystemIndex> codeSystems() {
		return catalog.get().allCodeSystems().stream().sorted(Comparator.comparing(CodeSystemIndex::url)).toList();
	}

	public int valueSetCount() {
		return catalog.get().valueSetCount();
	}

	private void changed() {
		changes.incrementAndGet();
		changedAt = System.currentTimeMillis();
	}

	/**
	 * A tag that changes whenever the served content changes (and with every start): an answer
	 * computed from the same tag and the same request is the same answer, so clients can revalidate.
	 */
	public String contentTag() {
		return Long.toString(startedAt, 36) + "-" + changes.get();
	}

	/** When the served content last changed (or the engine started), in epoch milliseconds. */
	public long lastChanged() {
		return changedAt;
	}

	/** What changed in code system {@code url} from version {@code from} to version {@code to}. */
	public CodeSystemDiff diff(String url, String from, String to) {
		if (url == null || from == null || to == null) {
			throw TerminologyException.invalid(Messages.DIFF_NEEDS_VERSIONS.text());
		}
		TerminologyContext now = context();
		CodeSystemIndex before = now.content().codeSystem(url, from).filter(cs -> from.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(now.unknownCodeSystem(url, from, null)));
		CodeSystemIndex after = now.content().codeSystem(url, to).filter(cs -> to.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(now.unknownCodeSystem(url, to, null)));
		return CodeSystemDiff.between(before, after);
	}
}
