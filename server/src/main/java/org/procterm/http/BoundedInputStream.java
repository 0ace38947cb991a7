package org.procterm.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a stream on until {@code limit} bytes, then stops the read with {@link BodyTooLargeException}. */
final class BoundedInputStream extends FilterInputStream {

	private final long limit;
	private final String what;
	private final String setting;
	private long count;

	BoundedInputStream(InputStream in, long limit, String what, String setting) {
		super(in);
		this.limit = limit;
		this.what = what;
		this.setting = setting;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		counted(skipped);
		return skipped;
	}

	private void counted(long n) {
		count += n;
		if (count > limit) {
			throw new BodyTooLargeException(limit, what, setting);
		}
	}
}
