package org.procterm.server;

import java.io.IOException;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * {@code /fhir}: the REST server that answers terminology operations while HAPI's store opens, then
 * the whole one. The whole server is made and initialised off the request path and put in place in
 * one step, because HAPI's routing tables are plain maps, not made to change under traffic; requests
 * already in the first server finish there.
 */
final class FhirEndpoint extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private transient volatile RestfulServer current;

	FhirEndpoint(RestfulServer first) {
		this.current = first;
	}

	@Override
	public void init(ServletConfig config) throws ServletException {
		super.init(config);
		current.init(config);
	}

	/** Initialises {@code whole} and answers every request after this with it. */
	void replaceWith(RestfulServer whole) throws ServletException {
		whole.init(getServletConfig());
		current = whole;
	}

	@Override
	public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
		current.service(request, response);
	}

	@Override
	public void destroy() {
		current.destroy();
	}
}
