package org.procterm.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Sends each response in as few writes as its size allows. HAPI's JSON encoder flushes its writer
 * after every field (its Jackson {@code ObjectMapper} flushes after each value it writes), and
 * Jetty sends each flush as an HTTP chunk with a system call of its own: about 80 for a 20-code
 * expansion, which was the largest single cost of a typeahead request. The wrapped response hands
 * HAPI a writer and a stream whose {@code flush()} does nothing. What they hold goes to Jetty when
 * it reaches {@link #HELD} characters or bytes, when HAPI closes them, and when the request ends;
 * a response that fits is then sent at once, with a Content-Length.
 * <p>
 * Written here rather than as a {@code BufferedWriter}/{@code BufferedOutputStream} with
 * {@code flush()} turned off: their buffers cannot be dropped when HAPI resets the response to
 * answer with an error instead, and passing on what they hold also flushes the target, which
 * would commit every answer as chunked.
 */
final class FlushCoalescingFilter implements Filter {

	/** Held before it is passed on: a large Bundle still streams, in pieces of this size. */
	static final int HELD = 32 * 1024;

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
		if (!(response instanceof HttpServletResponse http)) {
			chain.doFilter(request, response);
			return;
		}
		CoalescingResponse coalescing = new CoalescingResponse(http);
		try {
			chain.doFilter(request, coalescing);
		} finally {
			coalescing.passOnHeld();
		}
	}

	private static final class CoalescingResponse extends HttpServletResponseWrapper {

		private HeldWriter writer;
		private PrintWriter printWriter;
		private HeldStream stream;

		CoalescingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (printWriter == null) {
				writer = new HeldWriter(super.getWriter());
				printWriter = new PrintWriter(writer);
			}
			return printWriter;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (stream == null) {
				stream = new HeldStream(super.getOutputStream());
			}
			return stream;
		}

		@Override
		public void flushBuffer() throws IOException {
			passOnHeld();
			super.flushBuffer();
		}

		@Override
		public void resetBuffer() {
			dropHeld();
			super.resetBuffer();
		}

		@Override
		public void reset() {
			dropHeld();
			super.reset();
		}

		void passOnHeld() throws IOException {
			if (writer != null) {
				writer.passOn();
			}
			if (stream != null) {
				stream.passOn();
			}
		}

		private void dropHeld() {
			if (writer != null) {
				writer.held.setLength(0);
			}
			if (stream != null) {
				stream.held.reset();
			}
		}
	}

	private static final class HeldWriter extends Writer {
		private final Writer target;
		private final StringBuilder held = new StringBuilder(1024);

		HeldWriter(Writer target) {
			this.target = target;
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			held.append(chars, offset, length);
			if (held.length() >= HELD) {
				passOn();
			}
		}

		@Override
		public void write(String text, int offset, int length) throws IOException {
			held.append(text, offset, offset + length);
			if (held.length() >= HELD) {
				passOn();
			}
		}

		@Override
		public void flush() {
			// held on purpose: see the class comment
		}

		void passOn() throws IOException {
			if (!held.isEmpty()) {
				target.append(held);
				held.setLength(0);
			}
		}

		@Override
		public void close() throws IOException {
			passOn();
			target.close();
		}
	}

	private static final class HeldStream extends ServletOutputStream {
		private final ServletOutputStream target;
		private final ByteArrayOutputStream held = new ByteArrayOutputStream(1024);

		HeldStream(ServletOutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) throws IOException {
			held.write(b);
			if (held.size() >= HELD) {
				passOn();
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			held.write(bytes, offset, length);
			if (held.size() >= HELD) {
				passOn();
			}
		}

		@Override
		public void flush() {
			// held on purpose: see the class comment
		}

		void passOn() throws IOException {
			if (held.size() > 0) {
				held.writeTo((OutputStream) target);
				held.reset();
			}
		}

		@Override
		public void close() throws IOException {
			passOn();
			target.close();
		}

		@Override
		public boolean isReady() {
			return target.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			target.setWriteListener(listener);
		}
	}
}
