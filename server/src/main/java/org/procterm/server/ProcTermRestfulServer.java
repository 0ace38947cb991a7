package org.procterm.server;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.config.ServerSettings;
import org.procterm.engine.TerminologyEngine;
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
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;

/**
 * The FHIR endpoint: HAPI's JPA resource providers for every type except CodeSystem, ValueSet and ConceptMap,
 * which are replaced (not shadowed) by procterm's own, plus the write guard and error translation.
 */
public class ProcTermRestfulServer extends RestfulServer {

	private final transient ApplicationContext spring;
	private final transient ServerSettings settings;

	public ProcTermRestfulServer(ApplicationContext spring, ServerSettings settings) {
		super(spring.getBean(FhirContext.class));
		this.spring = spring;
		this.settings = settings;
	}

	@Override
	protected void initialize() {
		setDefaultResponseEncoding(EncodingEnum.JSON);

		List<Object> jpaProviders = spring.getBean("myResourceProvidersR4", ResourceProviderFactory.class).createProviders();
		registerProviders(jpaProviders.stream().filter(p -> !isReplaced(p)).toList());
		TerminologyProviders ours = new TerminologyProviders(spring.getBean(DaoRegistry.class), spring.getBean(TerminologyEngine.class),
				getFhirContext(), spring.getBean(MatchUrlService.class));
		registerProviders(List.of(ours.codeSystems(), ours.valueSets(), ours.conceptMaps()));
		registerProvider(new ImportProvider(spring.getBean(ImportService.class), spring.getBean(TerminologyEngine.class),
				settings.dataDir().resolve("work"), settings.limits()));
		registerProvider(new PatientSectionProvider(spring.getBean(DaoRegistry.class).getResourceDao(Library.class)));
		registerProvider(spring.getBean("mySystemProviderR4"));
		registerProvider(new org.procterm.provider.VersionsProvider());

		setPagingProvider(spring.getBean(DatabaseBackedPagingProvider.class));
		setServerConformanceProvider(new CapabilitiesProvider(this, spring.getBean(IFhirSystemDao.class),
				spring.getBean(JpaStorageSettings.class), spring.getBean(ISearchParamRegistry.class),
				spring.getBean(IValidationSupport.class), spring.getBean(TerminologyEngine.class)));

		registerInterceptor(new WriteGuard(settings.adminToken()));
		registerInterceptor(new OperationErrors());
		registerInterceptor(new SearchBounds());
		registerInterceptor(new RedactedReads(spring.getBean(TerminologyEngine.class).licence()));
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
