package org.procterm.store;

import java.util.Map;
import java.util.Optional;
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
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Keeps the engine equal to the database: everything at start-up, then every CodeSystem and ValueSet
 * created, updated or deleted (over REST or by a package install) once its transaction commits, so
 * a rolled-back write never reaches the engine. HAPI's validation caches are cleared with each change.
 * Each change is also entered in the {@link ChangeLog}, in the writing transaction, from which the
 * other nodes on the same database learn of it ({@link ChangeFollower}); this node remembers the
 * numbers of its own changes so that it does not apply them twice.
 */
@Interceptor
public class EngineSync {

	private static final Logger log = LoggerFactory.getLogger(EngineSync.class);

	private final TerminologyEngine engine;
	private final DaoRegistry daoRegistry;
	private final IValidationSupport validationChain;
	private final CodeSystemContentStore contentStore;
	private final CodeSystemJsonReader reader;
	private final ChangeLog changes;
	/** Whether other nodes may share the database, so that this node's own changes must be told from theirs. */
	private final boolean shared;
	/** The numbers of this node's committed changes that its follower has not passed yet. */
	private final java.util.Set<Long> own = ConcurrentHashMap.newKeySet();
	/** Indexes an import built before its commit, so the engine does not read back what it just wrote. */
	private final Map<String, CodeSystemIndex> prepared = new ConcurrentHashMap<>();

	public EngineSync(TerminologyEngine engine, DaoRegistry daoRegistry, IValidationSupport validationChain,
			CodeSystemContentStore contentStore, CodeSystemJsonReader reader, ChangeLog changes, boolean shared) {
		this.engine = engine;
		this.changes = changes;
		this.shared = shared;
		this.daoRegistry = daoRegistry;
		this.validationChain = validationChain;
		this.contentStore = contentStore;
		this.reader = reader;
	}

	/**
	 * Offers the index of an imported code system that is about to be committed under
	 * {@code resourceId}; the commit hook serves it without reading back what was just written.
	 * Call {@link #finish} afterwards, whatever happened.
	 */
	public void prepare(String resourceId, CodeSystemIndex index) {
		prepared.put("CodeSystem/" + resourceId, index);
	}

	/**
	 * Ends an import. When it committed but HAPI fired no hook (an update that leaves the
	 * CodeSystem's metadata as it was, while the concepts changed), the prepared index is served here.
	 */
	public void finish(String resourceId, boolean committed) {
		CodeSystemIndex unserved = prepared.remove("CodeSystem/" + resourceId);
		if (committed && unserved != null) {
			engine.putCodeSystem("CodeSystem/" + resourceId, unserved);
			validationChain.invalidateCaches();
		}
	}

	/** Loads every stored CodeSystem and ValueSet (current versions, not deleted), and forgets any the database no longer has. */
	public void loadAll() {
		java.util.Set<String> stored = new java.util.HashSet<>();
		for (String type : new String[] {"CodeSystem", "ValueSet"}) {
			var found = daoRegistry.getResourceDao(type).search(SearchParameterMap.newSynchronous(), new SystemRequestDetails());
			for (IBaseResource resource : found.getAllResources()) {
				stored.add(key(resource));
				put(resource);
			}
		}
		engine.resourceIds().stream().filter(id -> !stored.contains(id)).forEach(engine::remove);
		validationChain.invalidateCaches();
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		record(resource, false);
		afterCommit(() -> put(resource));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		record(updated, false);
		afterCommit(() -> put(updated));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof CodeSystem || resource instanceof ValueSet) {
			if (resource instanceof CodeSystem) {
				contentStore.remove(resource.getIdElement().getIdPart()); // in the deleting transaction
			}
			record(resource, true);
			afterCommit(() -> {
				engine.remove(key(resource));
				validationChain.invalidateCaches();
			});
		}
	}

	/**
	 * Enters an import of {@code CodeSystem/resourceId} in the change log, in the import's transaction:
	 * HAPI fires no hook when the CodeSystem's metadata is unchanged while its concepts changed.
	 */
	public void recordImport(String resourceId) {
		record(new CodeSystem().setId("CodeSystem/" + resourceId), false);
	}

	private void record(IBaseResource resource, boolean deleted) {
		if (!(resource instanceof CodeSystem || resource instanceof ValueSet)) {
			return;
		}
		long seq = changes.record(resource.fhirType(), resource.getIdElement().getIdPart(), deleted);
		if (!shared) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			own.add(seq);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				own.add(seq); // before the commit, so the follower never sees the change without knowing it is ours
			}

			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					own.remove(seq); // the number goes back to the counter and will be another change's
				}
			}
		});
	}

	/** Whether change {@code seq} was this node's (already applied here); forgets it either way. */
	boolean wasOwn(long seq) {
		return own.remove(seq);
	}

	/** Applies a change another node committed: reads the resource as it now stands, or removes it. */
	void apply(ChangeLog.Change change) {
		String key = change.resourceType() + "/" + change.resourceId();
		if (!change.deleted()) {
			try {
				put(daoRegistry.getResourceDao(change.resourceType()).read(new org.hl7.fhir.r4.model.IdType(key), new SystemRequestDetails()));
				return;
			} catch (ca.uhn.fhir.rest.server.exceptions.ResourceGoneException | ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException e) {
				// deleted since: a later change says so too, and removing it now is the same
			}
		}
		engine.remove(key);
		validationChain.invalidateCaches();
	}

	private void put(IBaseResource resource) {
		try {
			if (resource instanceof CodeSystem cs && cs.getContent() == CodeSystem.CodeSystemContentMode.NOTPRESENT) {
				engine.putCodeSystem(key(cs), importedContent(key(cs)).orElseGet(() -> CodeSystemIndex.of(cs)));
			} else if (resource instanceof CodeSystem cs) {
				engine.putCodeSystem(key(cs), cs);
			} else if (resource instanceof ValueSet vs) {
				engine.putValueSet(key(vs), vs);
			} else {
				return;
			}
			validationChain.invalidateCaches();
		} catch (RuntimeException e) {
			// a stored resource the engine cannot serve (e.g. no url) stays readable over REST
			log.warn("{} is stored but not served by the terminology engine: {}", key(resource), e.getMessage());
		}
	}

	/** The concepts of an imported code system: prepared by the import, or read back from the store. */
	private Optional<CodeSystemIndex> importedContent(String key) {
		CodeSystemIndex index = prepared.remove(key);
		if (index != null) {
			return Optional.of(index);
		}
		return contentStore.index(key.substring("CodeSystem/".length()), reader);
	}

	private static String key(IBaseResource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
