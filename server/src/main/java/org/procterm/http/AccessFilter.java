package org.procterm.http;

import java.io.IOException;

import org.procterm.engine.Access;
import org.procterm.security.LicenceCheck;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decides once per request whether it may see licensed content, and leaves the decision on the
 * request ({@link #of}) for the FHIR operations, the cache headers and the redaction of reads.
 * A bearer JWT that fails its checks is answered 401 here, before any work is done.
 */
public final class AccessFilter implements Filter {

	private static final String ATTRIBUTE = Access.class.getName();

	private final LicenceCheck licence;
	private final ErrorBodies bodies;

	public AccessFilter(LicenceCheck licence, ErrorBodies bodies) {
		this.licence = licence;
		this.bodies = bodies;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		try {
			request.setAttribute(ATTRIBUTE, licence.access(request.getHeader("Authorization")));
		} catch (LicenceCheck.RefusedToken e) {
			HttpServletResponse response = (HttpServletResponse) res;
			response.setHeader("WWW-Authenticate", "Bearer realm=\"procterm\", error=\"invalid_token\"");
			bodies.send(request, response, 401, e.getMessage());
			return;
		}
		chain.doFilter(req, res);
	}

	/** What this request may see; public when nothing decided otherwise. */
	public static Access of(HttpServletRequest request) {
		return request != null && request.getAttribute(ATTRIBUTE) instanceof Access access ? access : Access.PUBLIC;
	}
}
