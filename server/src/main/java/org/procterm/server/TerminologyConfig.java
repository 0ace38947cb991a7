package org.procterm.server;

import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.procterm.engine.TerminologyEngine;
import org.procterm.importing.ImportCheckpoints;
import org.procterm.importing.ImportService;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.EngineSync;
import org.procterm.store.ServedResourceTypes;
import org.procterm.store.StoreHooks;
import org.procterm.validation.EngineValidationSupport;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.validation.JpaValidationSupportChain;

/**
 * procterm's beans on HAPI's store: the engine's place in HAPI's validation chain, its hooks on the
 * store's writes, and the import service. The engine, EngineSync and procterm's own tables are made
 * before the store opens (see ProcTermContext).
 */
@Configuration
public class TerminologyConfig {

	/** Puts the engine first in HAPI's chain, so $validate and HAPI's own terminology calls use it too. */
	@Bean
	public EngineValidationSupport engineValidationSupport(FhirContext fhirContext, TerminologyEngine engine,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) JpaValidationSupportChain chain) {
		EngineValidationSupport support = new EngineValidationSupport(fhirContext, engine);
		chain.addValidationSupport(0, support);
		return support;
	}

	/** The engine follows the store's writes from the moment it opens. */
	@Bean
	public StoreHooks storeHooks(IInterceptorService jpaInterceptors, EngineSync engineSync,
			ServedResourceTypes servedTypes, @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) JpaValidationSupportChain chain) {
		return new StoreHooks(jpaInterceptors, engineSync, servedTypes.served(), chain);
	}

	@Bean
	public ImportService importService(FhirContext fhirContext, DaoRegistry daoRegistry, PlatformTransactionManager transactionManager,
			CodeSystemContentStore contentStore, EngineSync engineSync, BundledPackage bundledPackage,
			IPackageInstallerSvc installer, ServerSettings settings, ImportCheckpoints checkpoints) {
		return new ImportService(fhirContext, daoRegistry, transactionManager, contentStore, engineSync, bundledPackage, installer,
				settings.dataDir().resolve("work"), settings.limits(), checkpoints);
	}

	/** Nothing happens at an import's checkpoints; the crash tests supply their own (see ProcTermContext.open). */
	@Bean
	public ImportCheckpoints importCheckpoints() {
		return ImportCheckpoints.NONE;
	}
}
