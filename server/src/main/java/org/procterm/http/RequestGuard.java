package org.procterm.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.procterm.config.RequestLimits;
import org.procterm.security.WriteGuard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every request passes before HAPI sees it: methods that only echo (TRACE) are refused, a
 * compressed body is decoded here, and the decoded body is bounded as it is read: imports are
 * streamed through a counter; any other body is read up to its limit and scanned (numbers, depth)
 * before HAPI parses it. HAPI then sees a plain body and no Content-Encoding.
 */
public final class RequestGuard implements Filter {

	/** The methods FHIR's REST API uses; any other (TRACE, which echoes credentials back, WebDAV's, made-up ones) is refused. */
	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private final RequestLimits limits;
	private final ErrorBodies bodies;
	private final WriteGuard admin;

	/** @param admin tells the admin's requests from others', whose bodies are never buffered at write size */
	public RequestGuard(RequestLimits limits, ErrorBodies bodies, WriteGuard admin) {
		this.limits = limits;
		this.bodies = bodies;
		this.admin = admin;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
			refuse(request, response, 405, "The HTTP method " + method + " is not allowed on this server");
			return;
		}
		String query = request.getQueryString();
		if (query != null && !wellEncoded(query)) {
			refuse(request, response, 400, "The query string has a malformed %-escape or encodes text that is not UTF-8;"
					+ " encode '%' as %25 and characters as UTF-8");
			return;
		}
		if (method.equals("POST") && !hasBody(request) && isBase(request)) {
			refuse(request, response, 400, "A POST to the server's base is a transaction or batch: send a Bundle in the body");
			return;
		}
		if (!hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		String encoding = request.getHeader("Content-Encoding");
		boolean encoded = encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
		if (type.startsWith("multipart/")) {
			refuse(request, response, 415, "Multipart bodies are not part of FHIR's REST API; send the resource or Parameters as the body");
			return;
		}
		if (isForm(type)) {
			if (encoded) {
				refuse(request, response, 415, "A form body cannot be compressed; send it as is");
				return;
			}
			chain.doFilter(request, response); // forms are read by Jetty, within its own form size limit
			return;
		}
		if (!request.getServletPath().equals("/fhir")) {
			refuse(request, response, 415, "This address takes no request body; the FHIR API is under /fhir");
			return;
		}
		String charset = request.getCharacterEncoding();
		if (charset != null && !isUtf8(charset)) {
			refuse(request, response, 415, "The charset '" + charset + "' is not accepted: FHIR request bodies are UTF-8 (charset=utf-8)");
			return;
		}
		InputStream decoded;
		try {
			decoded = decode(request.getInputStream(), encoding);
		} catch (IOException e) {
			refuse(request, response, 400, "The request body is not valid " + encoding + " data");
			return;
		}
		if (decoded == null) {
			refuse(request, response, 415, "The Content-Encoding '" + encoding + "' is not supported; send the body as is, or gzip or deflate it");
			return;
		}
		String operation = lastSegment(request);
		FhirOperation.Body kind = FhirOperation.named(operation).map(FhirOperation::body).orElse(null);
		if (kind == FhirOperation.Body.STREAMED) { // imports: streamed to disk, never held whole
			chain.doFilter(new Decoded(request, new BoundedInputStream(decoded, limits.importBodyBytes(), "imports",
					"limits.import-body-mb"), -1), response);
			return;
		}
		// a body sized as a write is buffered only for the admin, who alone may write: anyone else's is sized as an operation
		boolean isOperation = operation.startsWith("$") && kind != FhirOperation.Body.WRITE_SIZED || operation.equals("_search");
		boolean writeSized = !isOperation && admin.authorises(request.getHeader("Authorization"));
		long limit = writeSized ? limits.writeBodyBytes() : limits.operationBodyBytes();
		String what = writeSized ? "writes" : isOperation ? "terminology operations and searches" : "requests without the admin token";
		String setting = writeSized ? "limits.write-body-mb" : "limits.operation-body-kb";
		byte[] body;
		try {
			body = !encoded && request.getContentLengthLong() > limit ? null : readAtMost(decoded, limit); // a declared length is refused unread
		} catch (IOException e) {
			refuse(request, response, 400, "The request body could not be read whole: " + safe(e));
			return;
		}
		if (body == null) {
			refuse(request, response, 413, BodyTooLargeException.message(limit, what, setting));
			return;
		}
		String problem = scanned(request, body);
		if (problem != null) {
			refuse(request, response, 400, problem);
			return;
		}
		chain.doFilter(new Decoded(request, new ByteArrayInputStream(body), body.length), response);
	}

	private static String scanned(HttpServletRequest request, byte[] body) {
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		int first = 0;
		while (first < body.length && Character.isWhitespace(body[first])) {
			first++;
		}
		boolean xml = type.contains("xml") || type.isEmpty() && first < body.length && body[first] == '<';
		boolean json = type.contains("json") || type.isEmpty() && first < body.length && (body[first] == '{' || body[first] == '[');
		return xml || json ? BodyScan.problem(body, xml) : null;
	}

	/** The body, or null when it is longer than {@code limit}. */
	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			if (out.size() + (long) n > limit) {
				return null;
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	/** The body decoded, or null for an encoding this server does not read. */
	private static InputStream decode(InputStream raw, String encoding) throws IOException {
		if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
			return raw;
		}
		return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
			case "gzip", "x-gzip" -> new GZIPInputStream(raw, 1 << 16);
			case "deflate" -> new InflaterInputStream(raw);
			default -> null;
		};
	}

	/** Whether every %-escape is two hex digits and the decoded bytes are UTF-8, as servlet containers require. */
	static boolean wellEncoded(String query) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
					return false;
				}
				bytes.write(Integer.parseInt(query.substring(i + 1, i + 3), 16));
				i += 2;
			} else {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
			return true;
		} catch (java.nio.charset.CharacterCodingException e) {
			return false;
		}
	}

	private static boolean isUtf8(String charset) {
		String name = charset.trim().toLowerCase(Locale.ROOT);
		return name.equals("utf-8") || name.equals("utf8") || name.equals("us-ascii"); // ASCII is UTF-8's first half
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	private static boolean isForm(String type) {
		return type.startsWith("application/x-www-form-urlencoded");
	}

	private static boolean isBase(HttpServletRequest request) {
		String path = request.getPathInfo();
		return request.getServletPath().equals("/fhir") && (path == null || path.equals("/"));
	}

	private static String lastSegment(HttpServletRequest request) {
		String path = request.getPathInfo() == null ? request.getRequestURI() : request.getPathInfo();
		String last = path.substring(path.lastIndexOf('/') + 1);
		return last.toLowerCase(Locale.ROOT);
	}

	private static String safe(IOException e) {
		return e instanceof java.io.EOFException ? "it ended early" : "the connection broke or the data is corrupt";
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
		bodies.send(request, response, status, message);
	}

	/** The request as HAPI should see it: the decoded body, no Content-Encoding, its decoded length when known. */
	private static final class Decoded extends HttpServletRequestWrapper {

		private final ServletInputStream body;
		private final long length;

		Decoded(HttpServletRequest request, InputStream body, long length) {
			super(request);
			this.body = new BlockingServletInput(body);
			this.length = length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return body;
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)); // every other charset was refused above
		}

		@Override
		public int getContentLength() {
			return length > Integer.MAX_VALUE ? -1 : (int) length;
		}

		@Override
		public long getContentLengthLong() {
			return length;
		}

		@Override
		public String getHeader(String name) {
			if (name.equalsIgnoreCase("Content-Encoding")) {
				return null;
			}
			if (name.equalsIgnoreCase("Content-Length")) {
				return length < 0 ? null : Long.toString(length);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String value = getHeader(name);
			if (name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length")) {
				return Collections.enumeration(value == null ? List.of() : List.of(value));
			}
			return super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(n -> n.equalsIgnoreCase("Content-Encoding") || length < 0 && n.equalsIgnoreCase("Content-Length"));
			return Collections.enumeration(names);
		}
	}
}
