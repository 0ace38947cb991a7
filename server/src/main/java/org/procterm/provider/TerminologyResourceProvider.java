package org.procterm.provider;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.procterm.engine.TerminologyService;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.provider.BaseJpaResourceProvider;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What our CodeSystem and ValueSet providers share: read, write and history from HAPI's JPA
 * provider base, search through {@link ResourceSearch}, and the engine for the operations.
 */
abstract class TerminologyResourceProvider<T extends IBaseResource> extends BaseJpaResourceProvider<T> {

	protected final TerminologyService terminology;
	private final ResourceSearch search;

	TerminologyResourceProvider(IFhirResourceDao<T> dao, TerminologyService terminology, ResourceSearch search) {
		super(dao);
		this.terminology = terminology;
		this.search = search;
	}

	@Search(allowUnknownParams = true)
	public IBundleProvider search(RequestDetails request, HttpServletResponse response, @Sort SortSpec sort) {
		return search.search(getDao(), request, sort, response);
	}

	/** The resource an instance-level call names, or null for a type-level call. */
	protected T instance(IIdType id, RequestDetails request) {
		return id == null || !id.hasIdPart() ? null : getDao().read(id, request);
	}
}
