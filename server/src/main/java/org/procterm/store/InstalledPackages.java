package org.procterm.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which content each bundled FHIR package was last installed from: its SHA-256 and the resource
 * types installed. A start whose package and types are those already installed skips the install,
 * which would only re-read, re-parse and re-index every resource to change nothing (about 2 s of a
 * restart) and, on PostgreSQL, tell every other node of changes that are none.
 */
public class InstalledPackages {

	private static final String TABLE = "PT_INSTALLED_PACKAGE";

	/** The table, as created on H2 at every start and by the schema migration on PostgreSQL. */
	static String table() {
		return "CREATE TABLE IF NOT EXISTS " + TABLE + " (NAME VARCHAR(128) PRIMARY KEY, DIGEST VARCHAR(64) NOT NULL, "
				+ "TYPES VARCHAR(512) NOT NULL, INSTALLED_AT TIMESTAMP NOT NULL)";
	}

	/** What was installed under a package name: the package's digest and the types installed from it (comma-separated). */
	public record Install(String digest, String types) {

		/** Whether this install already put in place everything {@code wanted} asks for: the same package, no type more. */
		public boolean covers(Install wanted) {
			return digest.equals(wanted.digest) && java.util.Set.of(types.split(",")).containsAll(java.util.List.of(wanted.types.split(",")));
		}
	}

	private final JdbcTemplate jdbc;

	public InstalledPackages(DataSource dataSource, boolean postgres) {
		this.jdbc = new JdbcTemplate(dataSource);
		if (!postgres) {
			jdbc.execute(table()); // on PostgreSQL `procterm migrate` made it (see SchemaMigrations)
		}
	}

	public Optional<Install> last(String name) {
		return jdbc.query("SELECT DIGEST, TYPES FROM " + TABLE + " WHERE NAME = ?", (rs, n) -> new Install(rs.getString(1), rs.getString(2)), name)
				.stream().findFirst();
	}

	/**
	 * Records a finished install; called only after every resource is in, so a crash part-way installs
	 * again. Nodes starting together on one database may both install and record: the last record stays.
	 */
	public void record(String name, Install install) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.update("UPDATE " + TABLE + " SET DIGEST = ?, TYPES = ?, INSTALLED_AT = ? WHERE NAME = ?", install.digest(),
				install.types(), now, name);
		if (updated == 0) {
			try {
				jdbc.update("INSERT INTO " + TABLE + " (NAME, DIGEST, TYPES, INSTALLED_AT) VALUES (?, ?, ?, ?)", name, install.digest(),
						install.types(), now);
			} catch (org.springframework.dao.DuplicateKeyException another) {
				// another node recorded its install of the same package a moment before: that record holds
			}
		}
	}
}
