package org.procterm.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;

/**
 * Keeps the engine equal to the database: everything at start-up, then every CodeSystem and ValueSet
 * created, updated or deleted (over REST, by a package install or an import) once its transaction
 * commits, so a rolled-back write never reaches the engine. HAPI's validation caches are cleared
 * with each change.
 * <p>
 * When other nodes may share the database, each transaction's changes are also entered in the
 * {@link ChangeLog} just before it commits (so the log's counter is the last lock it takes, held
 * only through the commit), under this node's id, from which the other nodes learn of them
 * ({@link ChangeFollower}). Every change reaches the engine with its number, and a resource is never
 * replaced by an older change than the one it shows: a local write that finishes after a newer write
 * by another node has been applied does not undo it.
 */
@Interceptor
public class EngineSync {

	private static final Logger log = LoggerFactory.getLogger(EngineSync.class);

	private final TerminologyEngine engine;
	private final StoredTerminology stored;
	/** HAPI's validation chain, whose caches each change clears; none until HAPI's store has opened. */
	private volatile IValidationSupport validationChain;
	private final CodeSystemContentStore contentStore;
	private final CodeSystemJsonReader reader;
	private final ChangeLog changes;
	/** Whether other nodes may share the database (PostgreSQL): then changes are logged and numbered. */
	private final boolean shared;
	/** This node, in the change log: its own changes are applied at commit and skipped by its follower. */
	private final String node = UUID.randomUUID().toString();
	/** The number of the change each resource shows (shared databases only). */
	private final Map<String, Long> shownChange = new ConcurrentHashMap<>();
	/** Indexes an import built before its commit, so the engine does not read back what it just wrote. */
	private final Map<String, CodeSystemIndex> prepared = new ConcurrentHashMap<>();

	public EngineSync(TerminologyEngine engine, StoredTerminology stored, CodeSystemContentStore contentStore, CodeSystemJsonReader reader,
			ChangeLog changes, boolean shared) {
		this.engine = engine;
		this.stored = stored;
		this.contentStore = contentStore;
		this.reader = reader;
		this.changes = changes;
		this.shared = shared;
	}

	/** From now on each change also clears the caches of HAPI's validation chain (HAPI's store has opened). */
	public void clearsCachesOf(IValidationSupport chain) {
		validationChain = chain;
	}

	/** This node's id in the change log. */
	String node() {
		return node;
	}

	/**
	 * Offers the index of an imported code system that is about to be committed under
	 * {@code resourceId}; the commit serves it without reading back what was just written.
	 * Call {@link #finish} afterwards, whatever happened.
	 */
	public void prepare(String resourceId, CodeSystemIndex index) {
		prepared.put("CodeSystem/" + resourceId, index);
	}

	/** Ends an import: an index its commit did not serve (it rolled back) is dropped. */
	public void finish(String resourceId) {
		prepared.remove("CodeSystem/" + resourceId);
	}

	/**
	 * Serves an import of {@code CodeSystem/resourceId} when its transaction commits, and logs it for
	 * the other nodes. Called in the import's transaction: HAPI fires no hook of its own when the
	 * CodeSystem's metadata is unchanged while its concepts changed.
	 */
	public void recordImport(String resourceId) {
		String key = "CodeSystem/" + resourceId;
		onCommit(key, false, () -> {
			CodeSystemIndex index = prepared.remove(key); // null when HAPI's own hook has served it already
			if (index != null) {
				engine.putCodeSystem(key, index);
				clearCaches();
			}
		});
	}

	/**
	 * Loads every stored CodeSystem and ValueSet (current versions, not deleted), and forgets any the
	 * database no longer has. Read from the tables directly (see {@link StoredTerminology}), so a start
	 * serves terminology before HAPI's store has opened.
	 */
	public void loadAll() {
		Set<String> found = new HashSet<>();
		shownChange.clear(); // what is loaded now is the latest of everything
		for (IBaseResource resource : stored.current()) {
			found.add(key(resource));
			put(resource, false);
		}
		engine.resourceIds().stream().filter(id -> !found.contains(id)).forEach(engine::remove);
		clearCaches();
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (isTerminology(resource)) {
			onCommit(key(resource), false, () -> put(resource, true));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		if (isTerminology(updated)) {
			onCommit(key(updated), false, () -> put(updated, true));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (isTerminology(resource)) {
			if (resource instanceof CodeSystem) {
				contentStore.remove(resource.getIdElement().getIdPart()); // in the deleting transaction
			}
			onCommit(key(resource), true, () -> remove(key(resource)));
		}
	}

	/**
	 * Runs {@code action} once the current transaction commits (at once without one); on a shared
	 * database, logs the change just before the commit and applies it only if nothing newer is shown.
	 */
	private void onCommit(String key, boolean deleted, Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			long seq = shared ? changes.record(type(key), id(key), deleted, node) : 0;
			applyAt(key, seq, action);
			return;
		}
		TransactionChanges pending = TransactionChanges.current(this);
		pending.add(key, deleted, action);
	}

	/** The terminology changes of one transaction, logged together just before it commits. */
	private static final class TransactionChanges implements TransactionSynchronization {

		private record Pending(String key, boolean deleted, Runnable action) {}

		private final EngineSync sync;
		private final List<Pending> pending = new ArrayList<>();
		private final Map<String, Long> numbers = new HashMap<>();

		private TransactionChanges(EngineSync sync) {
			this.sync = sync;
		}

		static TransactionChanges current(EngineSync sync) {
			Object bound = TransactionSynchronizationManager.getResource(sync);
			if (bound instanceof TransactionChanges changes) {
				return changes;
			}
			TransactionChanges changes = new TransactionChanges(sync);
			TransactionSynchronizationManager.bindResource(sync, changes);
			TransactionSynchronizationManager.registerSynchronization(changes);
			return changes;
		}

		void add(String key, boolean deleted, Runnable action) {
			pending.add(new Pending(key, deleted, action));
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (sync.shared) {
				for (Pending p : pending) {
					numbers.put(p.key(), sync.changes.record(type(p.key()), id(p.key()), p.deleted(), sync.node));
				}
			}
		}

		@Override
		public void afterCommit() {
			for (Pending p : pending) {
				sync.applyAt(p.key(), numbers.getOrDefault(p.key(), 0L), p.action());
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(sync);
		}
	}

	/** Applies a change another node committed: reads the resource as it now stands, or removes it. */
	void apply(ChangeLog.Change change) {
		String key = change.resourceType() + "/" + change.resourceId();
		applyAt(key, change.seq(), () -> {
			var now = change.deleted() ? Optional.<IBaseResource>empty()
					: stored.read(change.resourceType(), change.resourceId()).map(IBaseResource.class::cast);
			// empty when deleted since: a later change says so too, and removing it now is the same
			now.ifPresentOrElse(resource -> put(resource, false), () -> remove(key));
		});
	}

	/** Runs {@code action} for {@code key} unless the engine already shows a newer change of it (shared databases). */
	private void applyAt(String key, long seq, Runnable action) {
		if (!shared) {
			action.run();
			return;
		}
		shownChange.compute(key, (k, shown) -> {
			if (shown != null && shown > seq) {
				return shown; // a newer change of this resource is served already
			}
			action.run();
			return seq;
		});
	}

	private void remove(String key) {
		engine.remove(key);
		clearCaches();
	}

	private void clearCaches() {
		IValidationSupport chain = validationChain;
		if (chain != null) {
			chain.invalidateCaches();
		}
	}

	/** @param mayUsePrepared whether an index prepared by an import may stand in for reading back (its own commit only) */
	private void put(IBaseResource resource, boolean mayUsePrepared) {
		try {
			if (resource instanceof CodeSystem cs && cs.getContent() == CodeSystem.CodeSystemContentMode.NOTPRESENT) {
				engine.putCodeSystem(key(cs), importedContent(key(cs), mayUsePrepared).orElseGet(() -> CodeSystemIndex.of(cs)));
			} else if (resource instanceof CodeSystem cs) {
				engine.putCodeSystem(key(cs), cs);
			} else if (resource instanceof ValueSet vs) {
				engine.putValueSet(key(vs), vs);
			} else {
				return;
			}
			clearCaches();
		} catch (RuntimeException e) {
			// a stored resource the engine cannot serve (e.g. no url) stays readable over REST
			log.warn("{} is stored but not served by the terminology engine: {}", key(resource), e.getMessage());
		}
	}

	/** The concepts of an imported code system: prepared by the import that is committing, or read back from the store. */
	private Optional<CodeSystemIndex> importedContent(String key, boolean mayUsePrepared) {
		CodeSystemIndex index = mayUsePrepared ? prepared.remove(key) : null;
		if (index != null) {
			return Optional.of(index);
		}
		return contentStore.index(id(key), reader);
	}

	private static boolean isTerminology(IBaseResource resource) {
		return resource instanceof CodeSystem || resource instanceof ValueSet;
	}

	private static String key(IBaseResource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}

	private static String type(String key) {
		return key.substring(0, key.indexOf('/'));
	}

	private static String id(String key) {
		return key.substring(key.indexOf('/') + 1);
	}
}
