package org.procterm.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The concepts of imported code systems, one gzip-compressed FHIR JSON document per code system
 * version, beside HAPI's tables in the same database. HAPI keeps only the CodeSystem's metadata
 * (content {@code not-present}); the engine indexes the concepts from here. HAPI's own route, one
 * row per concept in its TRM tables, costs 10-23 s per 20k concepts and is not needed by the engine.
 * Writes join the caller's transaction, so an import stores its metadata and concepts together or not at all.
 */
public class CodeSystemContentStore {

	/** What is stored for one code system version. */
	public record Entry(String resourceId, String url, String version, String digest, int concepts, Instant storedAt) {}

	private static final String TABLE = "PT_CODE_SYSTEM_CONTENT";

	private final JdbcTemplate jdbc;

	/** The table, as created on H2 at every start and by the schema migration on PostgreSQL. */
	static String table(boolean postgres) {
		return "CREATE TABLE IF NOT EXISTS " + TABLE + " (RES_ID VARCHAR(64) PRIMARY KEY, URL VARCHAR(512) NOT NULL, "
				+ "CS_VERSION VARCHAR(128), DIGEST VARCHAR(64) NOT NULL, CONCEPTS INTEGER NOT NULL, "
				+ "CONTENT " + (postgres ? "BYTEA" : "BLOB") + " NOT NULL, STORED_AT TIMESTAMP NOT NULL)";
	}

	public CodeSystemContentStore(DataSource dataSource, boolean postgres) {
		this.jdbc = new JdbcTemplate(dataSource);
		if (!postgres) {
			jdbc.execute(table(false)); // on PostgreSQL `procterm migrate` made it (see SchemaMigrations): a serving role needs no DDL
		}
	}

	public Optional<Entry> find(String resourceId) {
		return findWhere("RES_ID", resourceId);
	}

	/** The code system version stored from exactly this content (its SHA-256), if any. */
	public Optional<Entry> findByDigest(String digest) {
		return findWhere("DIGEST", digest);
	}

	private Optional<Entry> findWhere(String column, String value) {
		return jdbc.query("SELECT RES_ID, URL, CS_VERSION, DIGEST, CONCEPTS, STORED_AT FROM " + TABLE + " WHERE " + column + " = ?",
				(rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getTimestamp(6).toInstant()), value).stream().findFirst();
	}

	/** The imported version {@code version} of code system {@code url}, if any. */
	public Optional<Entry> findVersion(String url, String version) {
		return jdbc.query("SELECT RES_ID, URL, CS_VERSION, DIGEST, CONCEPTS, STORED_AT FROM " + TABLE + " WHERE URL = ? AND CS_VERSION = ?",
				(rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
						rs.getTimestamp(6).toInstant()), url, version).stream().findFirst();
	}

	/** Whether any version of the code system {@code url} has been imported. */
	public boolean holds(String url) {
		Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE URL = ?", Integer.class, url);
		return n != null && n > 0;
	}

	/** Stores (or replaces) the gzip-compressed JSON in {@code gzipJson} under {@code entry.resourceId()}. */
	public void put(Entry entry, Path gzipJson) {
		jdbc.update("DELETE FROM " + TABLE + " WHERE RES_ID = ?", entry.resourceId());
		try (InputStream in = Files.newInputStream(gzipJson)) {
			long length = Files.size(gzipJson);
			jdbc.update("INSERT INTO " + TABLE + " (RES_ID, URL, CS_VERSION, DIGEST, CONCEPTS, CONTENT, STORED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)",
					ps -> {
						ps.setString(1, entry.resourceId());
						ps.setString(2, entry.url());
						ps.setString(3, entry.version());
						ps.setString(4, entry.digest());
						ps.setInt(5, entry.concepts());
						ps.setBinaryStream(6, in, length);
						ps.setTimestamp(7, Timestamp.from(entry.storedAt()));
					});
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public void remove(String resourceId) {
		jdbc.update("DELETE FROM " + TABLE + " WHERE RES_ID = ?", resourceId);
	}

	/** The concepts stored under {@code resourceId}, indexed straight from the stream, if stored. */
	public Optional<org.procterm.engine.codesystem.CodeSystemIndex> index(String resourceId,
			org.procterm.engine.codesystem.CodeSystemJsonReader reader) {
		return read(resourceId, in -> {
			try (InputStream json = new java.util.zip.GZIPInputStream(in, 1 << 16)) {
				return reader.read(json).index();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	/** Hands the gzip-compressed JSON of {@code resourceId} to {@code reader}, if stored. */
	public <T> Optional<T> read(String resourceId, Function<InputStream, T> reader) {
		return jdbc.query("SELECT CONTENT FROM " + TABLE + " WHERE RES_ID = ?", (rs, n) -> {
			try (InputStream in = rs.getBinaryStream(1)) {
				return reader.apply(in);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, resourceId).stream().findFirst();
	}
}
