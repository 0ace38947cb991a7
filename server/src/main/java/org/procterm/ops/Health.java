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

	/** @param loaded whether the engine has loaded what the database holds (false while starting or stopping) */
	public Health(DataSource database, BooleanSupplier loaded) {
		this.database = database;
		this.loaded = loaded;
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
				+ "\"engine\":{\"status\":\"" + (engine ? "UP" : "DOWN") + "\"" + (engine ? "" : ",\"message\":\"still loading, or stopping\"") + "},"
				+ "\"database\":{\"status\":\"" + (databaseProblem == null ? "UP" : "DOWN") + "\""
				+ (databaseProblem == null ? "" : ",\"message\":\"" + databaseProblem + "\"") + "}}}");
	}

	/** Null when the database answers in time, else why not, in words safe to show (no URL, no driver text). */
	private String databaseProblem() {
		try (Connection c = database.getConnection()) {
			return c.isValid(DATABASE_SECONDS) ? null : "the database did not answer within " + DATABASE_SECONDS + " s";
		} catch (SQLException e) {
			return "no connection to the database";
		}
	}
}
