package org.procterm.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.procterm.engine.Access;
import org.procterm.engine.TerminologyEngine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries: {@code X-Content-Type-Options: nosniff}, and a {@code Cache-Control}
 * that suits it. A terminology operation read with GET is tagged with the content it was computed
 * from ({@code ETag}, {@code Last-Modified}), so a client can keep it and revalidate: the same
 * request against unchanged content answers 304 without doing the work again. Writes are never stored.
 */
public final class ResponseHeaders implements Filter {

	private final TerminologyEngine engine;

	public ResponseHeaders(TerminologyEngine engine) {
		this.engine = engine;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = new JettyDates((HttpServletResponse) res);
		response.setHeader("X-Content-Type-Options", "nosniff");
		boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
		if (read) {
			// a licensed client is shown texts a public one is not: a shared cache must keep the two apart
			response.addHeader("Vary", "Authorization");
		}
		if (read && isTerminologyRead(request)) {
			String etag = "W/\"" + engine.contentTag() + "-" + (AccessFilter.of(request) == Access.LICENSED ? "l" : "p") + "-" + digest(request) + "\"";
			response.setHeader("ETag", etag);
			response.setDateHeader("Last-Modified", engine.lastChanged() / 1000 * 1000);
			// keep it, but ask whether it is still current; a licensed answer only in the client's own cache
			response.setHeader("Cache-Control", AccessFilter.of(request) == Access.LICENSED ? "private, no-cache" : "no-cache");
			if (matches(request.getHeader("If-None-Match"), etag)) {
				response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				return;
			}
		} else if (!read) {
			response.setHeader("Cache-Control", "no-store");
		} else {
			response.setHeader("Cache-Control", "no-cache");
		}
		chain.doFilter(request, response);
	}

	/** Jetty writes the Date header of every answer; HAPI's error path writes one more, which this drops. */
	private static final class JettyDates extends jakarta.servlet.http.HttpServletResponseWrapper {

		JettyDates(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!"Date".equalsIgnoreCase(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!"Date".equalsIgnoreCase(name)) {
				super.addHeader(name, value);
			}
		}

		@Override
		public void setDateHeader(String name, long date) {
			if (!"Date".equalsIgnoreCase(name)) {
				super.setDateHeader(name, date);
			}
		}

		@Override
		public void addDateHeader(String name, long date) {
			if (!"Date".equalsIgnoreCase(name)) {
				super.addDateHeader(name, date);
			}
		}
	}

	/** If-None-Match as HTTP defines it: a list of tags, or "*"; compared weakly (W/ ignored), as for a GET. */
	static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		String weakless = etag.replaceFirst("^W/", "");
		for (String tag : ifNoneMatch.split(",")) {
			String t = tag.trim();
			if (t.equals("*") || t.replaceFirst("^W/", "").equals(weakless)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTerminologyRead(HttpServletRequest request) {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		String last = path.substring(path.lastIndexOf('/') + 1);
		return last.equals("metadata") || FhirOperation.named(last).map(FhirOperation::cacheable).orElse(false);
	}

	/** What the answer depends on besides the content: the address and the headers that choose format and language. */
	private static String digest(HttpServletRequest request) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] {request.getRequestURI(), request.getQueryString(), request.getHeader("Accept"),
					request.getHeader("Accept-Language"), request.getHeader("Accept-Encoding")}) {
				sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha.digest(), 0, 12);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java has SHA-256", e);
		}
	}
}
