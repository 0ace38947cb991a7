package org.procterm.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.procterm.content.fhir.Canonicals;
import org.procterm.content.model.Language;
import org.procterm.engine.LookupResult;
import org.procterm.http.ErrorBodies;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web site on the same server as the FHIR API: the home page with its search box, a page per
 * procedure code in English and Spanish, search results, and the site's two static files. Pages
 * are whole HTML from the server (they work without JavaScript and print cleanly); the script
 * only adds results as you type. A request that asks for FHIR (JSON or XML) at an address the
 * site does not serve gets an OperationOutcome, a browser a page with the search box.
 */
public final class SiteServlet extends HttpServlet {

	private static final Map<String, String> ASSETS = Map.of("site.css", "text/css; charset=utf-8", "search.js", "text/javascript; charset=utf-8");
	/** Everything the pages load comes from this server: no third-party code, fonts or trackers, and no inline script. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			+ "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private final ProcedureCatalog catalog;
	private final ErrorBodies errors;
	private final PageRenderer renderer = new PageRenderer();
	/** The static files, read once from the jar. */
	private final Map<String, byte[]> assets;

	SiteServlet(ProcedureCatalog catalog, ErrorBodies errors) {
		this.catalog = catalog;
		this.errors = errors;
		this.assets = ASSETS.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, SiteServlet::read));
	}

	private static byte[] read(String name) {
		try (InputStream in = SiteServlet.class.getResourceAsStream("/web/" + name)) {
			if (in == null) {
				throw new IllegalStateException("the site's " + name + " is missing from the jar");
			}
			return in.readAllBytes();
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI();
		Language l = language(request);
		if (path.equals("/")) {
			html(response, 200, l, home(l));
		} else if (path.equals("/search")) {
			String q = request.getParameter("q");
			html(response, 200, l, search(q, l));
		} else if (path.startsWith("/procedures/") && path.indexOf('/', "/procedures/".length()) < 0) {
			procedure(path.substring("/procedures/".length()), l, response);
		} else if (path.startsWith("/assets/") && ASSETS.containsKey(path.substring("/assets/".length()))) {
			asset(path.substring("/assets/".length()), response);
		} else {
			notFound(request, response, l);
		}
	}

	static Language language(HttpServletRequest request) {
		String lang = request.getParameter("lang");
		return lang == null ? Language.EN : Language.ofTag(lang.toLowerCase(Locale.ROOT)).orElse(Language.EN);
	}

	private String home(Language l) {
		StringBuilder main = new StringBuilder();
		main.append("<h1>").append(SiteText.HOME_TITLE.in(l)).append("</h1>\n<p class=\"lead\">").append(SiteText.HOME_INTRO.in(l))
				.append("</p>\n<section aria-labelledby=\"all-pages\">\n<h2 id=\"all-pages\">").append(SiteText.ALL_PAGES.in(l))
				.append("</h2>\n<ul class=\"procedures\">\n");
		for (ProcedureCatalog.Named p : catalog.pages(l)) {
			main.append("<li><a href=\"").append(Html.escape(Canonicals.page(p.code(), l))).append("\">").append(Html.escape(p.name()))
					.append("</a> <span class=\"code\">CPT ").append(Html.escape(p.code())).append("</span></li>\n");
		}
		main.append("</ul>\n</section>\n");
		return Html.page(l, SiteText.HOME_TITLE.in(l), "/", null, main.toString(), false);
	}

	private String search(String q, Language l) {
		StringBuilder main = new StringBuilder();
		main.append("<h1>").append(SiteText.SEARCH_TITLE.in(l)).append("</h1>\n");
		List<ProcedureCatalog.Named> hits = catalog.search(q, l);
		if (q != null && !q.isBlank()) {
			main.append("<p>").append(SiteText.RESULTS_FOR.in(l)).append(" <strong>").append(Html.escape(q)).append("</strong></p>\n");
		}
		if (hits.isEmpty()) {
			main.append("<p>").append(SiteText.NO_RESULTS.in(l)).append("</p>\n");
		} else {
			main.append("<ul class=\"results\">\n");
			for (ProcedureCatalog.Named h : hits) {
				main.append("<li><a href=\"").append(Html.escape(Canonicals.page(h.code(), l))).append("\">").append(Html.escape(h.name()))
						.append("</a> <span class=\"code\">CPT ").append(Html.escape(h.code())).append("</span></li>\n");
			}
			main.append("</ul>\n");
		}
		String path = "/search?q=" + Html.url(q == null ? "" : q);
		return Html.page(l, SiteText.SEARCH_TITLE.in(l), path, q, main.toString(), false);
	}

	private void procedure(String code, Language l, HttpServletResponse response) throws IOException {
		Optional<ProcedureCatalog.PatientPage> page = catalog.page(code, l);
		Optional<LookupResult> coded = catalog.lookup(code, Language.EN);
		if (page.isEmpty() && coded.isEmpty()) {
			html(response, 404, l, notFoundPage(l));
			return;
		}
		StringBuilder main = new StringBuilder("<article class=\"patient-page\">\n");
		String title;
		if (page.isPresent()) {
			title = page.get().name();
			main.append(renderer.html(page.get().markdown(), page.get().language()));
		} else {
			title = "CPT " + code;
			main.append("<h1>CPT ").append(Html.escape(code)).append("</h1>\n<p>").append(Html.escape(coded.get().display())).append("</p>\n<p>")
					.append(SiteText.NO_PATIENT_PAGE.in(l)).append("</p>\n");
		}
		main.append("<p class=\"no-print\"><button type=\"button\" class=\"print\" hidden>").append(SiteText.PRINT.in(l)).append("</button></p>\n")
				.append("</article>\n").append(developers(code, l, page.isPresent()));
		html(response, 200, l, Html.page(l, title, "/procedures/" + code, null, main.toString(), true));
	}

	private static String developers(String code, Language l, boolean hasPage) {
		String cpt = Canonicals.CPT;
		StringBuilder calls = new StringBuilder();
		calls.append("GET /fhir/CodeSystem/$lookup?system=").append(cpt).append("&code=").append(code)
				.append(l == Language.EN ? "" : "&displayLanguage=" + l.tag()).append('\n');
		if (hasPage) {
			calls.append("GET /fhir/Library/").append(Canonicals.libraryId(code)).append('\n')
					.append("GET /fhir/Library/$patient-section?code=").append(code).append("&section=risks&language=").append(l.tag()).append('\n')
					.append("GET /fhir/PlanDefinition?topic=").append(cpt).append('|').append(code).append('\n')
					.append("GET /infobutton?mainSearchCriteria.v.c=").append(code)
					.append("&mainSearchCriteria.v.cs=").append(InfobuttonServlet.CPT_OID).append("&informationRecipient=PAT&informationRecipient.languageCode.c=")
					.append(l.tag()).append("&knowledgeResponseType=application/json\n");
		}
		return "<aside class=\"developers\" aria-labelledby=\"developers\">\n<h2 id=\"developers\">" + SiteText.FOR_DEVELOPERS.in(l) + "</h2>\n<p>"
				+ SiteText.DEVELOPERS_TEXT.in(l) + "</p>\n<pre><code>" + Html.escape(calls.toString()) + "</code></pre>\n</aside>\n";
	}

	private static String notFoundPage(Language l) {
		String main = "<h1>" + SiteText.NOT_FOUND_TITLE.in(l) + "</h1>\n<p>" + SiteText.NOT_FOUND_TEXT.in(l) + "</p>\n"
				+ "<p><a href=\"/" + (l == Language.EN ? "" : "?lang=" + l.tag()) + "\">" + SiteText.HOME_TITLE.in(l) + "</a></p>\n";
		return Html.page(l, SiteText.NOT_FOUND_TITLE.in(l), "/", null, main, false);
	}

	private void notFound(HttpServletRequest request, HttpServletResponse response, Language l) throws IOException {
		String accept = request.getHeader("Accept");
		if (accept != null && (accept.contains("fhir") || accept.contains("json") || accept.contains("xml") && !accept.contains("html"))) {
			ErrorBodies.Body body = errors.outcome(404, ErrorBodies.jettyMessage(404), accept);
			response.setStatus(404);
			response.setContentType(body.contentType());
			response.getOutputStream().write(body.bytes());
			return;
		}
		html(response, 404, l, notFoundPage(l));
	}

	private void asset(String name, HttpServletResponse response) throws IOException {
		byte[] bytes = assets.get(name);
		response.setContentType(ASSETS.get(name));
		response.setHeader("Cache-Control", "public, max-age=3600");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	static void html(HttpServletResponse response, int status, Language language, String page) throws IOException {
		byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType("text/html; charset=utf-8");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Content-Language", language.tag());
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}
}
