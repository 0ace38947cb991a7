package org.procterm.store;

import javax.sql.DataSource;

import org.procterm.config.ServerSettings;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Connections to the configured database outside the server's pool: for work done before the pool
 * exists or beside it (schema checks and migrations, the command line's quick reads, the change
 * follower's LISTEN connection). Each {@code getConnection()} opens a new one, which the caller closes.
 */
public final class DirectConnections {

	private DirectConnections() {}

	public static DataSource to(ServerSettings settings) {
		return new DriverManagerDataSource(settings.dbUrl(), settings.dbUser() == null ? "" : settings.dbUser(),
				settings.dbPassword() == null ? "" : settings.dbPassword());
	}
}
