package org.procterm.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A {@code Bundle} of type {@code batch} POSTed to the FHIR base whose every entry is a read (a
 * GET) or a read-only operation ({@code $validate-code}, {@code $lookup}, {@code $translate}...):
 * each entry is dispatched inside the server as the same request sent alone would be (same
 * operation code, same errors, same licence of the caller), and answered in a
 * {@code batch-response} in order, so one bad entry never fails the others. Such a batch changes
 * nothing, so anyone may send it. Any other Bundle goes on to HAPI's transaction processing,
 * which needs the admin token. An entry count and an answer size bound the work and the memory.
 */
public final class TerminologyBatch implements Filter {

	/** The most entries one batch of terminology requests takes. */
	static final int MAX_ENTRIES = 100;
	/** The most bytes of answers one batch gathers; the entries after are answered "too costly". */
	static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;
	/** Headers the entries do not inherit: they describe the batch's own body and caching, not an entry's. */
	private static final Set<String> NOT_INHERITED = Set.of("content-type", "content-length", "content-encoding", "accept",
			"accept-encoding", "if-none-match", "if-modified-since", "prefer");

	private final FhirContext fhir;
	private final ErrorBodies errors;
	/** The time one whole batch may take (limits.operation-ms): later entries are answered too-costly. */
	private final java.time.Duration budget;

	public TerminologyBatch(FhirContext fhir, ErrorBodies errors, java.time.Duration budget) {
		this.fhir = fhir;
		this.errors = errors;
		this.budget = budget;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		if (!"POST".equalsIgnoreCase(request.getMethod()) || !isBase(request)) {
			chain.doFilter(req, res);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes(); // already bounded by RequestGuard
		Bundle bundle = parse(request, body);
		if (bundle == null || bundle.getType() != Bundle.BundleType.BATCH || !allReads(bundle)) {
			chain.doFilter(new Replayed(request, body), res);
			return;
		}
		if (bundle.getEntry().size() > MAX_ENTRIES) {
			errors.send(request, response, 400, "A batch of terminology requests takes at most " + MAX_ENTRIES + " entries, not "
					+ bundle.getEntry().size() + ": send them in several batches");
			return;
		}
		Bundle answer = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
		long bytesLeft = MAX_ANSWER_BYTES;
		long deadline = System.nanoTime() + budget.toNanos(); // the whole batch shares one time budget, as one request would
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Bundle.BundleEntryComponent answered = answer.addEntry();
			if (bytesLeft <= 0 || System.nanoTime() > deadline) {
				answered.getResponse().setStatus("422 Unprocessable Entity").setOutcome(outcome(OperationOutcome.IssueType.TOOCOSTLY,
						"The batch reached its limit (" + MAX_ANSWER_BYTES / (1024 * 1024) + " MB of answers, or " + budget.toMillis()
								+ " ms) before this entry: send it in another batch"));
				continue;
			}
			String url = entry.getRequest().getUrl().replaceFirst("^/+", "");
			String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : null;
			jakarta.servlet.RequestDispatcher dispatcher = query == null || RequestGuard.wellEncoded(query)
					? request.getRequestDispatcher("/fhir/" + url) : null;
			if (dispatcher == null) {
				answered.getResponse().setStatus("400 Bad Request").setOutcome(outcome(OperationOutcome.IssueType.INVALID,
						"This entry's url is not one this server can read: a path under the FHIR base with a UTF-8, %-encoded query"));
				continue;
			}
			Captured captured = new Captured(response, bytesLeft);
			try {
				dispatcher.forward(new Entry(request, entry, json(entry.getResource())), captured);
			} catch (Captured.Full full) {
				// reported below: the writer may have swallowed it
			}
			if (captured.overflowed()) {
				answered.getResponse().setStatus("422 Unprocessable Entity").setOutcome(outcome(OperationOutcome.IssueType.TOOCOSTLY,
						"This entry's answer is larger than what is left of the batch's " + MAX_ANSWER_BYTES / (1024 * 1024)
								+ " MB: send it on its own"));
				bytesLeft = 0;
				continue;
			}
			bytesLeft -= captured.size();
			answered.getResponse().setStatus(captured.status() + " " + reason(captured.status()));
			Resource resource = captured.resource(fhir);
			if (resource instanceof OperationOutcome oo && captured.status() >= 400) {
				answered.getResponse().setOutcome(oo);
			} else if (resource != null) {
				answered.setResource(resource);
			}
		}
		String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept").toLowerCase(Locale.ROOT);
		boolean xml = accept.contains("xml") && !accept.contains("json");
		byte[] out = (xml ? fhir.newXmlParser() : fhir.newJsonParser()).encodeResourceToString(answer).getBytes(StandardCharsets.UTF_8);
		response.setStatus(200);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store"); // answers under the caller's licence, made fresh each time
		response.setContentType(xml ? ErrorBodies.FHIR_XML : ErrorBodies.FHIR_JSON);
		response.setContentLength(out.length);
		response.getOutputStream().write(out);
	}

	/** Every entry a GET, or a POST to an operation that changes nothing. */
	private static boolean allReads(Bundle bundle) {
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Bundle.HTTPVerb verb = entry.getRequest().getMethod();
			String url = entry.getRequest().getUrl();
			if (url == null || url.isBlank()) {
				return false;
			}
			String path = url.split("\\?", 2)[0];
			// relative to this server only: no scheme, no way up, no %-escapes that a dispatcher would decode into one
			if (path.contains(":") || path.contains("..") || path.contains("%") || path.contains("\\")) {
				return false;
			}
			String last = path.substring(path.lastIndexOf('/') + 1);
			if (last.equals("$batch-validate-code")) {
				return false; // a batch inside a batch would multiply the work; sent alone, it is answered
			}
			boolean readOnlyOperation = FhirOperation.named(last).map(FhirOperation::readOnly).orElse(false);
			if (!(verb == Bundle.HTTPVerb.GET || verb == Bundle.HTTPVerb.POST && readOnlyOperation)) {
				return false;
			}
		}
		return true;
	}

	private Bundle parse(HttpServletRequest request, byte[] body) {
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		IParser parser = type.contains("xml") ? fhir.newXmlParser() : fhir.newJsonParser();
		try {
			return parser.parseResource(new String(body, StandardCharsets.UTF_8)) instanceof Bundle b ? b : null;
		} catch (RuntimeException e) { // HAPI's parser throws more than DataFormatException on some malformed bodies
			return null; // HAPI answers a malformed body itself, as for any other
		}
	}

	private byte[] json(IBaseResource resource) {
		return resource == null ? null : fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
	}

	private static OperationOutcome outcome(OperationOutcome.IssueType type, String message) {
		OperationOutcome oo = new OperationOutcome();
		oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).getDetails().setText(message);
		return oo;
	}

	private static boolean isBase(HttpServletRequest request) {
		String path = request.getPathInfo();
		return "/fhir".equals(request.getServletPath()) && (path == null || path.equals("/"));
	}

	private static String reason(int status) {
		String text = org.eclipse.jetty.http.HttpStatus.getMessage(status);
		return text == null ? "" : text;
	}

	/** The batch request again, for HAPI, its body read once already. */
	private static final class Replayed extends HttpServletRequestWrapper {
		private final byte[] body;

		Replayed(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BlockingServletInput(new ByteArrayInputStream(body));
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}
	}

	/** One entry as a request of its own: its method and body, the caller's other headers (its licence among them). */
	private static final class Entry extends HttpServletRequestWrapper {
		private final String method;
		private final byte[] body;

		Entry(HttpServletRequest batch, Bundle.BundleEntryComponent entry, byte[] body) {
			super(batch);
			this.method = entry.getRequest().getMethod().toCode();
			this.body = body;
		}

		@Override
		public String getMethod() {
			return method;
		}

		// the batch request's own parameters (?_format=xml, say) are not the entry's: the dispatcher adds the entry's query
		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public java.util.Map<String, String[]> getParameterMap() {
			return java.util.Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

		@Override
		public String getQueryString() {
			return null;
		}

		@Override
		public String getContentType() {
			return body == null ? null : "application/fhir+json; charset=utf-8";
		}

		@Override
		public int getContentLength() {
			return body == null ? -1 : body.length;
		}

		@Override
		public long getContentLengthLong() {
			return getContentLength();
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BlockingServletInput(new ByteArrayInputStream(body == null ? new byte[0] : body));
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public String getHeader(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.equals("accept")) {
				return "application/fhir+json";
			}
			if (lower.equals("content-type")) {
				return getContentType();
			}
			return NOT_INHERITED.contains(lower) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String value = getHeader(name);
			return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames()).stream()
					.filter(n -> !NOT_INHERITED.contains(n.toLowerCase(Locale.ROOT))).collect(java.util.stream.Collectors.toList());
			names.add("Accept");
			if (body != null) {
				names.add("Content-Type");
			}
			return Collections.enumeration(names);
		}
	}

	/** An entry's answer, kept in memory up to what is left of the batch's budget. */
	private static final class Captured extends HttpServletResponseWrapper {

		/** The answer went over the budget. */
		static final class Full extends IOException {
			Full() {
				super("answer over the batch's budget");
			}
		}

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		private final long budget;
		/** Set when the answer went over the budget, since a PrintWriter swallows the exception that says so. */
		private boolean overflowed;
		private int status = 200;
		private PrintWriter writer;
		private final ServletOutputStream stream = new ServletOutputStream() {
			@Override
			public void write(int b) throws IOException {
				if (bytes.size() >= budget) {
					overflowed = true;
					throw new Full();
				}
				bytes.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				if (bytes.size() + (long) len > budget) {
					overflowed = true;
					throw new Full();
				}
				bytes.write(b, off, len);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
				throw new UnsupportedOperationException("an entry's answer is written in one go");
			}
		};

		Captured(HttpServletResponse batch, long budget) {
			super(batch);
			this.budget = budget;
		}

		int status() {
			return status;
		}

		boolean overflowed() {
			if (writer != null) {
				writer.flush();
			}
			return overflowed;
		}

		long size() {
			return bytes.size();
		}

		Resource resource(FhirContext fhir) {
			if (writer != null) {
				writer.flush();
			}
			if (bytes.size() == 0) {
				return null;
			}
			try {
				return fhir.newJsonParser().parseResource(new String(bytes.toByteArray(), StandardCharsets.UTF_8)) instanceof Resource r ? r : null;
			} catch (DataFormatException e) {
				return null;
			}
		}

		@Override
		public void setStatus(int sc) {
			status = sc;
		}

		@Override
		public void sendError(int sc) {
			status = sc;
		}

		@Override
		public void sendError(int sc, String msg) {
			status = sc;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return stream;
		}

		@Override
		public PrintWriter getWriter() {
			if (writer == null) {
				writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
			}
			return writer;
		}

		// headers, length and buffer belong to the batch's own answer, not an entry's
		@Override public void setHeader(String name, String value) { }
		@Override public void addHeader(String name, String value) { }
		@Override public void setIntHeader(String name, int value) { }
		@Override public void addIntHeader(String name, int value) { }
		@Override public void setDateHeader(String name, long date) { }
		@Override public void addDateHeader(String name, long date) { }
		@Override public void setContentType(String type) { }
		@Override public void setContentLength(int len) { }
		@Override public void setContentLengthLong(long len) { }
		@Override public void setCharacterEncoding(String charset) { }
		@Override public void flushBuffer() { }
		@Override public void resetBuffer() { bytes.reset(); }
		@Override public void reset() { bytes.reset(); status = 200; }
		@Override public boolean isCommitted() { return false; }
	}
}
