package org.procterm.ops;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /health/live} and {@code /health/ready}, for a load balancer or an orchestrator. Live: the
 * process answers HTTP (restart it when this fails). Ready: the engine has loaded everything and
 * the database answers within two seconds (send it no traffic while this fails). Both answer JSON
 * with a status and, for ready, each check and why it failed.
 */
public final class Health extends HttpServlet {

	private static final int DATABASE_SECONDS = 2;
	private final transient DataSource database;
	private final transient BooleanSupplier loaded;
	/** The database is asked on a thread of its own, so a pool with no free connection cannot hold the check. */
	private final transient java.util.concurrent.ExecutorService probe = java.util.concurrent.Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "procterm-health-probe");
		t.setDaemon(true);
		return t;
	});

	/**
	 * @param loaded whether the engine serves what the database holds: loaded, not stopping, and (with
	 *               other nodes) following their changes
	 */
	public Health(DataSource database, BooleanSupplier loaded) {
		this.database = database;
		this.loaded = loaded;
	}

	@Override
	public void destroy() {
		probe.shutdownNow();
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		response.setContentType("application/json; charset=utf-8");
		response.setHeader("Cache-Control", "no-store");
		switch (path) {
			case "/live" -> response.getWriter().write("{\"status\":\"UP\"}");
			case "/ready" -> ready(response);
			default -> {
				response.setStatus(404);
				response.getWriter().write("{\"status\":\"UNKNOWN\",\"message\":\"Health checks are /health/live and /health/ready\"}");
			}
		}
	}

	private void ready(HttpServletResponse response) throws IOException {
		boolean engine = loaded.getAsBoolean();
		String databaseProblem = databaseProblem();
		boolean up = engine && databaseProblem == null;
		response.setStatus(up ? 200 : 503);
		response.getWriter().write("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":{"
				+ "\"engine\":{\"status\":\"" + (engine ? "UP" : "DOWN") + "\"" + (engine ? "" : ",\"message\":\"starting, stopping, or (on a shared PostgreSQL) not following other nodes' changes\"") + "},"
				+ "\"database\":{\"status\":\"" + (databaseProblem == null ? "UP" : "DOWN") + "\""
				+ (databaseProblem == null ? "" : ",\"message\":\"" + databaseProblem + "\"") + "}}}");
	}

	/** Null when the database answers in time, else why not, in words safe to show (no URL, no driver text). */
	private String databaseProblem() {
		java.util.concurrent.Future<String> answer = probe.submit(() -> {
			try (Connection c = database.getConnection()) {
				return c.isValid(DATABASE_SECONDS) ? null : "the database did not answer within " + DATABASE_SECONDS + " s";
			} catch (SQLException e) {
				return "no connection to the database";
			}
		});
		try {
			return answer.get(DATABASE_SECONDS + 1L, java.util.concurrent.TimeUnit.SECONDS);
		} catch (java.util.concurrent.TimeoutException e) {
			answer.cancel(true);
			return "no database connection within " + DATABASE_SECONDS + " s (the pool may be exhausted)";
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "the check was interrupted";
		} catch (java.util.concurrent.ExecutionException e) {
			return "no connection to the database";
		}
	}
}
