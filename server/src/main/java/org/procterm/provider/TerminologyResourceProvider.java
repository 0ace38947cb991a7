package org.procterm.provider;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.Access;
import org.procterm.engine.TerminologyException;
import org.procterm.http.AccessFilter;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.TerminologyService;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.provider.BaseJpaResourceProvider;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What our CodeSystem and ValueSet providers share: read, write and history from HAPI's JPA
 * provider base, search through {@link ResourceSearch}, and the engine for the operations.
 */
abstract class TerminologyResourceProvider<T extends IBaseResource> extends BaseJpaResourceProvider<T> {

	private final TerminologyEngine engine;
	private final ResourceSearch search;

	TerminologyResourceProvider(IFhirResourceDao<T> dao, TerminologyEngine engine, ResourceSearch search) {
		super(dao);
		this.engine = engine;
		this.search = search;
	}

	@Search(allowUnknownParams = true)
	public IBundleProvider search(RequestDetails request, HttpServletResponse response, @Sort SortSpec sort) {
		return search.search(getDao(), request, sort, response);
	}

	/**
	 * The engine for one request: stored content as the request may see it (licensed texts only for
	 * licensed clients, see {@link AccessFilter}) plus any resources sent inline as {@code tx-resource},
	 * with the supplements named by {@code useSupplement} merged in.
	 */
	protected TerminologyService terminology(RequestDetails request, List<IBaseResource> txResources, List<String> useSupplement) {
		return context(access(request), txResources, useSupplement);
	}

	/** The engine for one request: stored content plus any resources sent inline as {@code tx-resource}. */
	protected TerminologyService terminology(RequestDetails request, List<IBaseResource> txResources) {
		return context(access(request), txResources, List.of());
	}

	/** What the request may see, as {@link AccessFilter} decided it. */
	static Access access(RequestDetails request) {
		return request instanceof ServletRequestDetails servlet ? AccessFilter.of(servlet.getServletRequest()) : Access.PUBLIC;
	}

	private TerminologyService context(Access access, List<IBaseResource> txResources, List<String> useSupplement) {
		if (txResources == null || txResources.isEmpty()) {
			return engine.context(access, List.of(), List.of(), useSupplement);
		}
		List<CodeSystem> codeSystems = new ArrayList<>();
		List<ValueSet> valueSets = new ArrayList<>();
		for (IBaseResource r : txResources) {
			if (r instanceof CodeSystem cs) {
				codeSystems.add(cs);
			} else if (r instanceof ValueSet vs) {
				valueSets.add(vs);
			} else if (r != null && !(r instanceof org.hl7.fhir.r4.model.ConceptMap)) { // ConceptMaps serve $translate
				throw TerminologyException.notSupported("tx-resource takes CodeSystem, ValueSet and ConceptMap resources, not " + r.fhirType());
			}
		}
		return engine.context(access, codeSystems, valueSets, useSupplement);
	}

	/** The resource an instance-level call names, or null for a type-level call. */
	protected T instance(IIdType id, RequestDetails request) {
		return id == null || !id.hasIdPart() ? null : getDao().read(id, request);
	}
}
