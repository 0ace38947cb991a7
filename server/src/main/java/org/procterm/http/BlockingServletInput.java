package org.procterm.http;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** A request body the filters have already taken (decoded, bounded, or in memory), read blocking as HAPI reads it. */
final class BlockingServletInput extends ServletInputStream {

	private final InputStream in;
	private boolean finished;

	BlockingServletInput(InputStream in) {
		this.in = in;
	}

	@Override
	public int read() throws IOException {
		int b = in.read();
		finished = b < 0;
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = in.read(b, off, len);
		finished = n < 0;
		return n;
	}

	@Override
	public boolean isFinished() {
		return finished;
	}

	@Override
	public boolean isReady() {
		return true;
	}

	@Override
	public void setReadListener(ReadListener listener) {
		throw new IllegalStateException("procterm reads request bodies blocking");
	}
}
