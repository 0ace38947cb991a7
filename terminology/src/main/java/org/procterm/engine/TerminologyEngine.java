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
	private final LicensedContent licence;
	private final BuiltInTerminology builtIn;
	private final AtomicReference<Catalog> catalog;
	/** Counts the changes to the catalog since start, so that an answer can be tagged with the content it came from. */
	private final AtomicLong changes = new AtomicLong();
	private final long startedAt = System.currentTimeMillis();
	private volatile long changedAt = startedAt;

	/** An engine in which no content is licensed: every client sees every text. */
	public TerminologyEngine(EngineLimits limits) {
		this(limits, LicensedContent.NONE);
	}

	/** @param licence which code systems' texts only licensed clients may see */
	public TerminologyEngine(EngineLimits limits, LicensedContent licence) {
		this(limits, licence, BuiltInTerminology.NONE);
	}

	/** @param builtIn terminology answered for without being stored (FHIR's own), after the stored content */
	public TerminologyEngine(EngineLimits limits, LicensedContent licence, BuiltInTerminology builtIn) {
		this.limits = limits;
		this.licence = licence;
		this.builtIn = builtIn;
		this.catalog = new AtomicReference<>(Catalog.empty(builtIn));
	}

	/**
	 * What one request sees: the content now, as {@code access} may see it (restricted texts withheld
	 * from public clients), with the request's inline CodeSystems and ValueSets ({@code tx-resource},
	 * never stored, and not restricted: the client sent them) and the supplements it names
	 * ({@code useSupplement}) merged in.
	 */
	public TerminologyContext context(Access access, List<CodeSystem> codeSystems, List<ValueSet> valueSets, List<String> supplements) {
		Catalog now = catalog.get();
		return TerminologyContext.of(access == Access.LICENSED ? now : now.publicView(licence), limits, codeSystems, valueSets, supplements);
	}

	/** A public request with inline content or supplements. */
	public TerminologyContext context(List<CodeSystem> codeSystems, List<ValueSet> valueSets, List<String> supplements) {
		return context(Access.PUBLIC, codeSystems, valueSets, supplements);
	}

	/** What a request with no inline content or supplements sees. */
	public TerminologyContext context(Access access) {
		return context(access, List.of(), List.of(), List.of());
	}

	/** What a public request with no inline content or supplements sees: restricted texts withheld. */
	public TerminologyContext context() {
		return context(Access.PUBLIC);
	}

	/** Which code systems' texts only licensed clients see. */
	public LicensedContent licence() {
		return licence;
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

	/** The code systems answered for without being stored (url and version), FHIR's own; reads them when not yet read. */
	public List<Canonical> builtInCodeSystems() {
		return builtIn.codeSystems();
	}

	/** The resource ids of everything served, e.g. {@code CodeSystem/cpt-2026}. */
	public java.util.Set<String> resourceIds() {
		return catalog.get().resourceIds();
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
	public CodeSystemDiff diff(Access access, String url, String from, String to) {
		if (url == null || from == null || to == null) {
			throw TerminologyException.invalid(Messages.DIFF_NEEDS_VERSIONS.text());
		}
		TerminologyContext now = context(access);
		CodeSystemIndex before = now.content().codeSystem(url, from).filter(cs -> from.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(now.unknownCodeSystem(url, from, null)));
		CodeSystemIndex after = now.content().codeSystem(url, to).filter(cs -> to.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(now.unknownCodeSystem(url, to, null)));
		return CodeSystemDiff.between(before, after);
	}
}
