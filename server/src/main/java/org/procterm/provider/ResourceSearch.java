package org.procterm.provider;

import java.util.Map;
import java.util.StringJoiner;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Searches for our own CodeSystem and ValueSet providers. Instead of restating every search
 * parameter (as HAPI's generated providers do), the query is handed to HAPI's MatchUrlService,
 * which knows the registered search parameters and rejects unknown ones with a 400.
 */
final class ResourceSearch {

	private final FhirContext fhirContext;
	/** HAPI's, which comes with its store (searches wait for it to open). */
	private final java.util.function.Supplier<MatchUrlService> matchUrlService;

	ResourceSearch(FhirContext fhirContext, java.util.function.Supplier<MatchUrlService> matchUrlService) {
		this.fhirContext = fhirContext;
		this.matchUrlService = matchUrlService;
	}

	IBundleProvider search(IFhirResourceDao<?> dao, RequestDetails request, SortSpec sort, HttpServletResponse response) {
		String type = dao.getResourceType().getSimpleName();
		StringJoiner query = new StringJoiner("&", type + "?", "");
		for (Map.Entry<String, String[]> e : request.getParameters().entrySet()) {
			for (String v : e.getValue()) {
				query.add(UrlUtil.escapeUrlParam(e.getKey()) + "=" + UrlUtil.escapeUrlParam(v));
			}
		}
		SearchParameterMap map = matchUrlService.get().translateMatchUrl(query.toString(), fhirContext.getResourceDefinition(type));
		if (sort != null) {
			map.setSort(sort);
		}
		return dao.search(map, request, response);
	}
}
