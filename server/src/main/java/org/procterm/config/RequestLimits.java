package org.procterm.config;

import java.time.Duration;

/**
 * What one request may cost, so that no request can take unbounded memory, disk or CPU. Each is a
 * setting (see config/procterm.properties); sizes are of the decoded body, after gzip or deflate.
 *
 * @param operationBodyBytes the largest body of a terminology operation or search sent by POST, and of any
 *        request without the admin token
 * @param writeBodyBytes the largest body of a create, update, transaction, {@code $validate} or
 *        {@code $import-package} sent with the admin token (held in memory while it is read)
 * @param importBodyBytes the largest body of {@code $import} and {@code $import-cpt}, which are
 *        streamed to disk, never held whole
 * @param operationTime the most time one request may spend expanding or checking a value set
 * @param archiveEntries the most files an uploaded zip or package may hold
 * @param archiveEntryBytes the largest decoded size of one file in an uploaded archive
 * @param archiveTotalBytes the largest decoded size of all files of an uploaded archive
 * @param archiveRatio the highest decoded-to-compressed ratio of an archive file (a zip bomb's is in the thousands)
 * @param startWait the most a request that needs the FHIR store waits for it while a start opens it
 */
public record RequestLimits(long operationBodyBytes, long writeBodyBytes, long importBodyBytes, Duration operationTime,
		int archiveEntries, long archiveEntryBytes, long archiveTotalBytes, int archiveRatio, Duration startWait) {

	/** A size for people: "1 MB", "50 MB". */
	public static String describe(long bytes) {
		return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
	}
}
