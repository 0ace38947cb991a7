package org.procterm.server;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.config.ServerSettings;
import org.procterm.engine.TerminologyEngine;
import org.procterm.store.FhirStore;
import org.procterm.importing.ImportService;
import org.procterm.content.PatientSectionProvider;
import org.procterm.provider.ImportProvider;
import org.procterm.provider.CapabilitiesProvider;
import org.procterm.provider.OperationErrors;
import org.procterm.provider.RedactedReads;
import org.procterm.provider.SearchBounds;
import org.procterm.provider.TerminologyProviders;
import org.procterm.security.WriteGuard;
import org.springframework.context.ApplicationContext;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;

/**
 * The FHIR endpoint: procterm's CodeSystem, ValueSet and ConceptMap providers, HAPI's JPA resource
 * providers for every other type, the write guard and error translation. While HAPI's store opens,
 * a server without HAPI's providers answers the terminology operations (see FhirEndpoint).
 */
public class ProcTermRestfulServer extends RestfulServer {

	private final transient TerminologyEngine engine;
	private final transient ServerSettings settings;
	private final transient FhirStore store;
	/** HAPI's store, or null for the server that answers while it opens. */
	private final transient ApplicationContext spring;

	/**
	 * @param spring HAPI's store, once it has opened; null for the server that answers terminology
	 *        operations while it opens (see FhirEndpoint)
	 */
	public ProcTermRestfulServer(FhirContext fhirContext, TerminologyEngine engine, ServerSettings settings, FhirStore store,
			ApplicationContext spring) {
		super(fhirContext);
		this.engine = engine;
		this.settings = settings;
		this.store = store;
		this.spring = spring;
	}

	@Override
	protected void initialize() {
		setDefaultResponseEncoding(EncodingEnum.JSON);
		TerminologyProviders ours = new TerminologyProviders(store, engine, getFhirContext());
		registerProviders(List.of(ours.codeSystems(), ours.valueSets(), ours.conceptMaps()));
		registerProvider(new ImportProvider(() -> store.bean(ImportService.class), engine, settings.dataDir().resolve("work"),
				settings.limits()));
		registerProvider(new PatientSectionProvider(store.dao(Library.class)));
		registerProvider(new org.procterm.provider.VersionsProvider());
		if (spring != null) {
			// HAPI's JPA resource providers for every type but those procterm replaces (not shadows) with its own
			List<Object> jpaProviders = spring.getBean("myResourceProvidersR4", ResourceProviderFactory.class).createProviders();
			registerProviders(jpaProviders.stream().filter(p -> !isReplaced(p)).toList());
			registerProvider(spring.getBean("mySystemProviderR4"));
			setPagingProvider(spring.getBean(DatabaseBackedPagingProvider.class));
			setServerConformanceProvider(new CapabilitiesProvider(this, spring.getBean(IFhirSystemDao.class),
					spring.getBean(JpaStorageSettings.class), spring.getBean(ISearchParamRegistry.class),
					spring.getBean(IValidationSupport.class), engine));
		}

		registerInterceptor(new WriteGuard(settings.adminToken()));
		registerInterceptor(new OperationErrors());
		registerInterceptor(new SearchBounds());
		registerInterceptor(new RedactedReads(engine.licence()));
	}

	/** The request id is answered once, by RequestLog, which also hands HAPI the same id. */
	@Override
	protected void addRequestIdToResponse(ca.uhn.fhir.rest.server.servlet.ServletRequestDetails request, String requestId) {
		// nothing: see RequestLog
	}

	/** HAPI names itself and its version in X-Powered-By on every answer; procterm discloses no versions. */
	@Override
	public void addHeadersToResponse(jakarta.servlet.http.HttpServletResponse response) {
		// nothing: no X-Powered-By
	}

	private static boolean isReplaced(Object provider) {
		return provider instanceof IResourceProvider rp
				&& (rp.getResourceType() == CodeSystem.class || rp.getResourceType() == ValueSet.class
						|| rp.getResourceType() == org.hl7.fhir.r4.model.ConceptMap.class);
	}
}
