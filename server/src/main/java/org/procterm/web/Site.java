package org.procterm.web;

import org.hl7.fhir.r4.model.Library;
import org.procterm.engine.TerminologyEngine;
import org.procterm.http.ErrorBodies;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;

/** The web site's two servlets, over one view of what the server holds. */
public record Site(SiteServlet pages, InfobuttonServlet infobutton) {

	public static Site of(IFhirResourceDao<Library> libraries, TerminologyEngine terminology, ErrorBodies errors) {
		ProcedureCatalog catalog = new ProcedureCatalog(libraries, terminology);
		return new Site(new SiteServlet(catalog, errors), new InfobuttonServlet(catalog));
	}
}
