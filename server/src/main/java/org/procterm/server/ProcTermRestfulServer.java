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
 * The FHIR endpoint: procterm's terminology providers from the start, HAPI's JPA resource providers
 * for every other type once HAPI's store has opened, the write guard and error translation.
 */
public class ProcTermRestfulServer extends RestfulServer {

	private final transient TerminologyEngine engine;
	private final transient ServerSettings settings;
	private final transient FhirStore store;

	public ProcTermRestfulServer(FhirContext fhirContext, TerminologyEngine engine, ServerSettings settings, FhirStore store) {
		super(fhirContext);
		this.engine = engine;
		this.settings = settings;
		this.store = store;
	}

	/**
	 * What answers before HAPI's store has opened: procterm's terminology providers (their reads,
	 * searches and writes wait for the store), the guards and the error translation.
	 */
	@Override
	protected void initialize() {
		setDefaultResponseEncoding(EncodingEnum.JSON);
		TerminologyProviders ours = new TerminologyProviders(store, engine, getFhirContext());
		registerProviders(List.of(ours.codeSystems(), ours.valueSets(), ours.conceptMaps()));
		registerProvider(new ImportProvider(() -> store.bean(ImportService.class), engine, settings.dataDir().resolve("work"),
				settings.limits()));
		registerProvider(new PatientSectionProvider(store.dao(Library.class)));
		registerProvider(new org.procterm.provider.VersionsProvider());

		registerInterceptor(new WriteGuard(settings.adminToken()));
		registerInterceptor(new OperationErrors());
		registerInterceptor(new SearchBounds());
		registerInterceptor(new RedactedReads(engine.licence()));
	}

	/**
	 * What HAPI's store brings once it has opened: HAPI's JPA resource providers for every type but
	 * CodeSystem, ValueSet and ConceptMap (replaced, not shadowed, by procterm's own), the system
	 * provider (transactions, history), paging and the CapabilityStatement. Made while requests are
	 * served; {@link StoreProviders#register} adds them.
	 */
	StoreProviders storeProviders(ApplicationContext spring) {
		List<Object> jpaProviders = spring.getBean("myResourceProvidersR4", ResourceProviderFactory.class).createProviders();
		List<Object> providers = new java.util.ArrayList<>(jpaProviders.stream().filter(p -> !isReplaced(p)).toList());
		providers.add(spring.getBean("mySystemProviderR4"));
		return new StoreProviders(providers, spring.getBean(DatabaseBackedPagingProvider.class),
				new CapabilitiesProvider(this, spring.getBean(IFhirSystemDao.class), spring.getBean(JpaStorageSettings.class),
						spring.getBean(ISearchParamRegistry.class), spring.getBean(IValidationSupport.class), engine));
	}

	/** HAPI's providers, ready to add to this server. */
	final class StoreProviders {
		private final List<Object> providers;
		private final DatabaseBackedPagingProvider paging;
		private final CapabilitiesProvider capabilities;

		private StoreProviders(List<Object> providers, DatabaseBackedPagingProvider paging, CapabilitiesProvider capabilities) {
			this.providers = providers;
			this.paging = paging;
			this.capabilities = capabilities;
		}

		/**
		 * Adds them. HAPI's routing tables are not made for change under traffic, so the caller holds
		 * requests back meanwhile (see StoreGate).
		 */
		void register() {
			registerProviders(providers);
			setPagingProvider(paging);
			setServerConformanceProvider(capabilities);
		}
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
