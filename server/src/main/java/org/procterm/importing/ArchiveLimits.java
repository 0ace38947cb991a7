package org.procterm.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

import org.procterm.config.RequestLimits;
import org.procterm.engine.TerminologyException;

/**
 * Reads an uploaded archive (a zip of a CPT release, a package's tar) within the configured limits,
 * checked as the bytes stream, so that a small upload that would unpack to gigabytes (a zip bomb) is
 * stopped early and never written or held whole: how many files, how large each and all of them
 * are once decoded, and how many times larger than their compressed bytes they are.
 */
final class ArchiveLimits {

	/** Below this many decoded bytes the ratio is not judged: small files compress oddly well. */
	private static final long RATIO_FLOOR = 1 << 20;

	private final RequestLimits limits;
	private final CountingStream raw;
	private final Set<String> names = new HashSet<>();
	private long total;

	/** @param compressed the archive's bytes as they arrive; read the archive through {@link #source()} */
	ArchiveLimits(RequestLimits limits, InputStream compressed) {
		this.limits = limits;
		this.raw = new CountingStream(compressed);
	}

	/** The archive's compressed bytes, counted: hand this to the zip or tar reader. */
	InputStream source() {
		return raw;
	}

	/** Checks a file's name before it is read: not empty, not seen before, not one too many. */
	void entry(String name) {
		if (name == null || name.isBlank() || name.endsWith("/") && name.replace("/", "").isBlank()) {
			throw TerminologyException.invalid("The archive holds a file with an empty name");
		}
		if (!names.add(name)) {
			throw TerminologyException.invalid("The archive holds the file '" + name + "' more than once");
		}
		if (names.size() > limits.archiveEntries()) {
			throw TerminologyException.tooCostly("The archive holds more than " + limits.archiveEntries()
					+ " files, the most this server unpacks (setting limits.archive-files)");
		}
	}

	/** Copies one file's decoded bytes, stopping at the first limit it passes. */
	void copy(String name, InputStream decoded, OutputStream out) throws IOException {
		byte[] buffer = new byte[1 << 16];
		long size = 0;
		for (int n = decoded.read(buffer); n >= 0; n = decoded.read(buffer)) {
			size += n;
			total += n;
			if (size > limits.archiveEntryBytes()) {
				throw TerminologyException.tooCostly("The file '" + name + "' in the archive is larger than "
						+ RequestLimits.describe(limits.archiveEntryBytes()) + " once unpacked (setting limits.archive-file-mb)");
			}
			if (total > limits.archiveTotalBytes()) {
				throw TerminologyException.tooCostly("The archive is larger than " + RequestLimits.describe(limits.archiveTotalBytes())
						+ " once unpacked (setting limits.archive-total-mb)");
			}
			if (total > RATIO_FLOOR && total > (long) limits.archiveRatio() * Math.max(1, raw.count)) {
				throw TerminologyException.tooCostly("The archive unpacks to more than " + limits.archiveRatio()
						+ " times its size, as a zip bomb does (setting limits.archive-ratio)");
			}
			if (out != null) {
				out.write(buffer, 0, n);
			}
		}
	}

	private static final class CountingStream extends FilterInputStream {

		private long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			count += b < 0 ? 0 : 1;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			count += Math.max(0, n);
			return n;
		}
	}
}
