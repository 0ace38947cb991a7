package org.procterm.server;

import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.hl7.fhir.r4.model.Coding;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.content.CoreTerminology;
import org.procterm.engine.BuiltInTerminology;
import org.procterm.engine.EngineLimits;
import org.procterm.engine.LicensedContent;
import org.procterm.store.ChangeFollower;
import org.procterm.store.ChangeLog;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.procterm.importing.ImportCheckpoints;
import org.procterm.importing.ImportService;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.EngineSync;
import org.procterm.store.StoredContentRules;
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

/** procterm's own beans: the engine, its link to the JPA store and to HAPI's validation chain, the bundled content. */
@Configuration
public class TerminologyConfig {

	@Bean
	public TerminologyEngine terminologyEngine(ServerSettings settings, FhirContext fhirContext) {
		// in restricted code systems, procterm's own plain-language names are the texts anyone may read
		Coding ours = CptVocabulary.PATIENT_NAME_USE;
		return new TerminologyEngine(new EngineLimits(settings.maxExpansionSize(), settings.limits().operationTime()),
				new LicensedContent(settings.licence().restrictedSystems(), java.util.Set.of(ours.getSystem() + "|" + ours.getCode())),
				settings.coreTerminology() ? new BuiltInTerminology(new CoreTerminology(fhirContext)) : BuiltInTerminology.NONE);
	}

	/** Puts the engine first in HAPI's chain, so $validate and HAPI's own terminology calls use it too. */
	@Bean
	public EngineValidationSupport engineValidationSupport(FhirContext fhirContext, TerminologyEngine engine,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) JpaValidationSupportChain chain) {
		EngineValidationSupport support = new EngineValidationSupport(fhirContext, engine);
		chain.addValidationSupport(0, support);
		return support;
	}

	@Bean
	public EngineSync engineSync(TerminologyEngine engine, DaoRegistry daoRegistry, EngineValidationSupport registered,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) JpaValidationSupportChain chain,
			IInterceptorService jpaInterceptors, CodeSystemContentStore contentStore, FhirContext fhirContext, ChangeLog changeLog,
			ServerSettings settings, org.procterm.store.ServedResourceTypes servedTypes) {
		// on PostgreSQL other nodes may share the database (see ChangeFollower); H2 has one user at a time
		EngineSync sync = new EngineSync(engine, daoRegistry, chain, contentStore, new CodeSystemJsonReader(fhirContext), changeLog,
				settings.isPostgres());
		jpaInterceptors.registerInterceptor(sync);
		jpaInterceptors.registerInterceptor(new StoredContentRules());
		if (servedTypes.served() != null) {
			jpaInterceptors.registerInterceptor(new org.procterm.store.UnstoredTypeEntries(servedTypes.served()));
		}
		return sync;
	}

	@Bean
	public ImportService importService(FhirContext fhirContext, DaoRegistry daoRegistry, PlatformTransactionManager transactionManager,
			CodeSystemContentStore contentStore, EngineSync engineSync, BundledPackage bundledPackage,
			IPackageInstallerSvc installer, ServerSettings settings, ImportCheckpoints checkpoints) {
		return new ImportService(fhirContext, daoRegistry, transactionManager, contentStore, engineSync, bundledPackage, installer,
				settings.dataDir().resolve("work"), settings.limits(), checkpoints);
	}

	@Bean
	public ChangeFollower changeFollower(ChangeLog changeLog, EngineSync engineSync, ServerSettings settings) {
		return new ChangeFollower(changeLog, engineSync, settings);
	}

	/** Nothing happens at an import's checkpoints; the crash tests supply their own (see ProcTermContext.open). */
	@Bean
	public ImportCheckpoints importCheckpoints() {
		return ImportCheckpoints.NONE;
	}

	@Bean
	public BundledPackage bundledPackage(IPackageInstallerSvc installer, CodeSystemContentStore contentStore,
			org.procterm.store.InstalledPackages installed) {
		return new BundledPackage(installer, contentStore, installed);
	}
}
