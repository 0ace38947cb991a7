package org.procterm.store;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.TerminologyEngine;
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
 */
@Interceptor
public class EngineSync {

	private static final Logger log = LoggerFactory.getLogger(EngineSync.class);

	private final TerminologyEngine engine;
	private final DaoRegistry daoRegistry;
	private final IValidationSupport validationChain;

	public EngineSync(TerminologyEngine engine, DaoRegistry daoRegistry, IValidationSupport validationChain) {
		this.engine = engine;
		this.daoRegistry = daoRegistry;
		this.validationChain = validationChain;
	}

	/** Loads every stored CodeSystem and ValueSet (current versions, not deleted). */
	public void loadAll() {
		for (String type : new String[] {"CodeSystem", "ValueSet"}) {
			var found = daoRegistry.getResourceDao(type).search(SearchParameterMap.newSynchronous(), new SystemRequestDetails());
			found.getAllResources().forEach(this::put);
		}
		validationChain.invalidateCaches();
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		afterCommit(() -> put(resource));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		afterCommit(() -> put(updated));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof CodeSystem || resource instanceof ValueSet) {
			afterCommit(() -> {
				engine.remove(key(resource));
				validationChain.invalidateCaches();
			});
		}
	}

	private void put(IBaseResource resource) {
		try {
			if (resource instanceof CodeSystem cs) {
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
