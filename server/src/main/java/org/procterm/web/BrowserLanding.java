package org.procterm.web;

import java.io.IOException;
import java.util.Locale;

import org.procterm.content.model.Language;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A person who opens {@code /fhir} in a browser gets a short page saying what the address is and
 * where to go, rather than HAPI's error as raw XML. FHIR clients, which ask for FHIR formats, are
 * passed on untouched.
 */
public final class BrowserLanding implements Filter {

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		String path = request.getPathInfo();
		String accept = request.getHeader("Accept");
		boolean base = path == null || path.equals("/");
		boolean browser = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html") && !accept.contains("fhir")
				&& request.getParameter("_format") == null;
		if (base && browser && request.getMethod().equals("GET")) {
			Language l = SiteServlet.language(request);
			String main = "<h1>" + SiteText.API_TITLE.in(l) + "</h1>\n<p>" + SiteText.API_TEXT.in(l) + "</p>\n<pre><code>"
					+ Html.escape("GET /fhir/metadata?mode=terminology\nGET /fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=63185")
					+ "</code></pre>\n<p><a href=\"/" + (l == Language.EN ? "" : "?lang=" + l.tag()) + "\">" + SiteText.HOME_TITLE.in(l) + "</a></p>\n";
			SiteServlet.html((HttpServletResponse) res, 200, l, Html.page(l, SiteText.API_TITLE.in(l), "/fhir", null, main, false));
			return;
		}
		chain.doFilter(req, res);
	}
}
