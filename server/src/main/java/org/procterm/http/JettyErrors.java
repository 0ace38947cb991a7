package org.procterm.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Jetty's own error answers (a malformed request line, a URL or headers too long, an unknown
 * method, an address outside the FHIR API) as OperationOutcomes instead of Jetty's HTML pages,
 * with procterm's wording, never Jetty's reason phrase (which can echo the request).
 */
public final class JettyErrors {

	private JettyErrors() {}

	/** For errors Jetty answers before any context: bad request lines and headers, and everything outside the servlets. */
	public static final class ServerLevel extends ErrorHandler {

		private final ErrorBodies bodies;

		public ServerLevel(ErrorBodies bodies) {
			this.bodies = bodies;
		}

		@Override
		public boolean errorPageForMethod(String method) {
			return true; // every method gets an OperationOutcome, not only GET, POST and HEAD
		}

		@Override
		protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
				throws IOException {
			ErrorBodies.Body body = bodies.outcome(code, ErrorBodies.jettyMessage(code), request.getHeaders().get(HttpHeader.ACCEPT));
			response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
			response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
			response.write(true, ByteBuffer.wrap(body.bytes()), callback);
		}

		@Override
		public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
			ErrorBodies.Body body = bodies.outcome(status, ErrorBodies.jettyMessage(status), null);
			fields.put(new HttpField(HttpHeader.CONTENT_TYPE, body.contentType()));
			return ByteBuffer.wrap(body.bytes());
		}
	}

	/** For errors inside the servlet context, such as an address no servlet serves or a method none accepts. */
	public static final class ContextLevel extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

		private final ErrorBodies bodies;

		public ContextLevel(ErrorBodies bodies) {
			this.bodies = bodies;
		}

		@Override
		public boolean errorPageForMethod(String method) {
			return true;
		}

		@Override
		protected void generateAcceptableResponse(org.eclipse.jetty.ee10.servlet.ServletContextRequest baseRequest,
				HttpServletRequest request, HttpServletResponse response, int code, String message) throws IOException {
			ErrorBodies.Body body = bodies.outcome(code, ErrorBodies.jettyMessage(code), request.getHeader("Accept"));
			response.setContentType(body.contentType());
			response.setHeader("Cache-Control", "no-store");
			response.setContentLength(body.bytes().length);
			response.getOutputStream().write(body.bytes());
		}
	}
}
