package org.procterm.server;

import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.procterm.engine.TerminologyEngine;
import org.procterm.store.EngineSync;
import org.procterm.validation.EngineValidationSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.validation.JpaValidationSupportChain;
import org.springframework.beans.factory.annotation.Qualifier;

/** procterm's own beans: the engine, its link to the JPA store and to HAPI's validation chain, the bundled content. */
@Configuration
public class TerminologyConfig {

	@Bean
	public TerminologyEngine terminologyEngine(ServerSettings settings) {
		return new TerminologyEngine(settings.maxExpansionSize());
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
			IInterceptorService jpaInterceptors) {
		EngineSync sync = new EngineSync(engine, daoRegistry, chain);
		jpaInterceptors.registerInterceptor(sync);
		return sync;
	}

	@Bean
	public BundledPackage bundledPackage(IPackageInstallerSvc installer) {
		return new BundledPackage(installer);
	}
}
