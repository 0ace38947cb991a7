package org.procterm.http;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id, returned as {@code X-Request-Id} (a well-formed one the client or a
 * load balancer sent is kept, so one id follows a request through every hop) and put in the log's
 * MDC as {@code requestId}; writes one access line per request (logger {@code procterm.access});
 * and times it by operation and status class ({@code procterm.requests}, errors counted apart as
 * {@code procterm.requests.errors}). Operation names come from a fixed list, so no request can
 * make the metrics grow without bound.
 */
public final class RequestLog implements Filter {

	public static final String HEADER = "X-Request-Id";
	/** Ids kept as sent: the characters HAPI also accepts in a request id, so both name a request alike. */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
	private static final Logger access = LoggerFactory.getLogger("procterm.access");

	private final MeterRegistry metrics;
	private final boolean logAccess;

	public RequestLog(MeterRegistry metrics, boolean logAccess) {
		this.metrics = metrics;
		this.logAccess = logAccess;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		String given = request.getHeader(HEADER);
		String id = given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();
		response.setHeader(HEADER, id);
		MDC.put("requestId", id);
		long start = System.nanoTime();
		boolean failed = false;
		try {
			// HAPI answers with the X-Request-ID it is given (else one of its own): it is given ours
			chain.doFilter(new jakarta.servlet.http.HttpServletRequestWrapper(request) {
				@Override
				public String getHeader(String name) {
					return HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
				}

				@Override
				public java.util.Enumeration<String> getHeaders(String name) {
					return HEADER.equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(id)) : super.getHeaders(name);
				}
			}, res);
		} catch (IOException | ServletException | RuntimeException e) {
			failed = true; // Jetty answers 500 after this filter has returned: counted as such here
			throw e;
		} finally {
			long nanos = System.nanoTime() - start;
			int status = failed ? 500 : response.getStatus();
			String operation = operation(request);
			String statusClass = status / 100 + "xx";
			Timer.builder("procterm.requests").description("HTTP requests by operation and status class")
					.tag("operation", operation).tag("status", statusClass).register(metrics).record(nanos, TimeUnit.NANOSECONDS);
			if (status >= 500) {
				Counter.builder("procterm.requests.errors").description("Requests answered with a server error")
						.tag("operation", operation).register(metrics).increment();
			}
			if (logAccess) {
				// the path without its query: a query can carry codes a client may not want in a log
				access.info("{} {} {} {} ms id={}", request.getMethod(), request.getRequestURI(), status, nanos / 1_000_000, id);
			}
			MDC.remove("requestId");
		}
	}

	/** What a request asks for, from a fixed list: an operation's name, read, search, write, batch, or the part of the site. */
	static String operation(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!path.startsWith("/fhir")) {
			if (path.startsWith("/health/")) {
				return "health";
			}
			return path.equals("/metrics") ? "metrics" : path.startsWith("/infobutton") ? "infobutton" : "site";
		}
		String[] segments = path.substring("/fhir".length()).split("/");
		String last = segments.length == 0 ? "" : segments[segments.length - 1];
		if (last.startsWith("$")) {
			return FhirOperation.named(last).map(FhirOperation::operationName).orElse("$other");
		}
		if (last.equals("metadata")) {
			return "metadata";
		}
		return switch (request.getMethod()) {
			case "GET", "HEAD" -> segments.length >= 3 ? "read" : "search";
			// a Bundle posted to the base is a batch (which may only read) or a transaction: its body says which
			case "POST" -> last.equals("_search") ? "search" : segments.length <= 1 ? "batch" : "write";
			default -> "write";
		};
	}
}
