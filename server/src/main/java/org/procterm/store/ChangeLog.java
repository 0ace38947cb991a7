package org.procterm.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The order in which CodeSystems and ValueSets changed, shared by every node on one database, so
 * that each node's engine learns of the others' commits. Each change takes the next number of one
 * counter row, in the writing transaction: the row stays locked until that transaction ends, so the
 * numbers are handed out in commit order and a rolled-back write gives its number back. A node that
 * has seen change n has therefore seen every change before it, and "what changed after n" is one
 * query, with no gaps to wait for. On PostgreSQL each change also sends a notification, delivered to
 * the listening nodes when the transaction commits. Only PostgreSQL keeps one: H2 serves one node.
 */
public class ChangeLog {

	/** One change: a resource written, or deleted when {@code deleted}. */
	public record Change(long seq, String resourceType, String resourceId, boolean deleted, String node) {}

	/** The PostgreSQL notification channel the nodes listen on. */
	public static final String CHANNEL = "procterm_changes";
	private static final String COUNTER = "PT_CHANGE_COUNTER";
	private static final String TABLE = "PT_CHANGE";
	/** How many changes one catch-up reads at most; a node further behind reads on in the next round. */
	static final int PAGE = 1000;

	/** The tables and the counter's one row, made by the schema migration (see SchemaMigrations). */
	static final List<String> SCHEMA = List.of(
			"CREATE TABLE " + COUNTER + " (ID INTEGER PRIMARY KEY, N BIGINT NOT NULL)",
			"INSERT INTO " + COUNTER + " (ID, N) VALUES (1, 0)",
			"CREATE TABLE " + TABLE + " (SEQ BIGINT PRIMARY KEY, RES_TYPE VARCHAR(40) NOT NULL, "
					+ "RES_ID VARCHAR(64) NOT NULL, DELETED BOOLEAN NOT NULL, NODE VARCHAR(36) NOT NULL, CHANGED_AT TIMESTAMP NOT NULL)");

	private final JdbcTemplate jdbc;

	/** The log in {@code dataSource}, a PostgreSQL database migrated by {@code procterm migrate}; nothing is read until it is used. */
	public ChangeLog(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Records a change by {@code node} in the caller's transaction and returns its number. Call it as
	 * late as possible before the commit: the counter row stays locked from here until the commit.
	 */
	public long record(String resourceType, String resourceId, boolean deleted, String node) {
		jdbc.update("UPDATE " + COUNTER + " SET N = N + 1 WHERE ID = 1"); // locks the row until the transaction ends
		long seq = current();
		jdbc.update("INSERT INTO " + TABLE + " (SEQ, RES_TYPE, RES_ID, DELETED, NODE, CHANGED_AT) VALUES (?, ?, ?, ?, ?, ?)",
				seq, resourceType, resourceId, deleted, node, Timestamp.from(Instant.now()));
		jdbc.query("SELECT pg_notify(?, ?)", rs -> null, CHANNEL, Long.toString(seq)); // sent at commit, dropped at rollback
		return seq;
	}

	/** The number of the latest committed change (0 before any). */
	public long current() {
		Long n = jdbc.queryForObject("SELECT N FROM " + COUNTER + " WHERE ID = 1", Long.class);
		return n == null ? 0 : n;
	}

	/** The changes after {@code seq}, oldest first, at most {@link #PAGE}. */
	public List<Change> after(long seq) {
		return jdbc.query("SELECT SEQ, RES_TYPE, RES_ID, DELETED, NODE FROM " + TABLE + " WHERE SEQ > ? ORDER BY SEQ",
				ps -> {
					ps.setLong(1, seq);
					ps.setMaxRows(PAGE);
				},
				(rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
	}

	/** The oldest change still kept, or 0 when none is. */
	public long oldest() {
		Long n = jdbc.queryForObject("SELECT MIN(SEQ) FROM " + TABLE, Long.class);
		return n == null ? 0 : n;
	}

	/** Forgets changes older than {@code keep}; a node that was away longer reloads everything instead. */
	public void prune(Duration keep) {
		jdbc.update("DELETE FROM " + TABLE + " WHERE CHANGED_AT < ?", Timestamp.from(Instant.now().minus(keep)));
	}
}
