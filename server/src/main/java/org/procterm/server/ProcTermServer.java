package org.procterm.server;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.procterm.config.ServerSettings;
import org.procterm.engine.TerminologyEngine;

/**
 * A running procterm: the Spring context with HAPI's JPA server, the engine loaded from the database,
 * the bundled package installed, and Jetty serving {@code /fhir}. Used by the CLI and by the tests.
 */
public final class ProcTermServer implements AutoCloseable {

	private final ProcTermContext context;
	private final Server jetty;
	private final String baseUrl;
	private final StartupReport report;

	private ProcTermServer(ProcTermContext context, Server jetty, String baseUrl, StartupReport report) {
		this.context = context;
		this.jetty = jetty;
		this.baseUrl = baseUrl;
		this.report = report;
	}

	public static ProcTermServer start(ServerSettings settings) throws Exception {
		long started = System.nanoTime();
		ProcTermContext context = ProcTermContext.open(settings);
		Server jetty = null;
		try {
			jetty = new Server();
			ServerConnector connector = new ServerConnector(jetty);
			connector.setHost(settings.host());
			connector.setPort(settings.port());
			jetty.addConnector(connector);
			ServletContextHandler servlets = new ServletContextHandler();
			servlets.setContextPath("/");
			ServletHolder fhir = new ServletHolder(new ProcTermRestfulServer(context.spring(), settings));
			fhir.setInitOrder(1);
			servlets.addServlet(fhir, "/fhir/*");
			servlets.addFilter(new FilterHolder(new FlushCoalescingFilter()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
			jetty.setHandler(servlets);
			jetty.start();

			String baseUrl = "http://" + settings.host() + ":" + connector.getLocalPort() + "/fhir";
			StartupReport report = new StartupReport(baseUrl, settings, context.packageId(), context.bean(TerminologyEngine.class),
					(System.nanoTime() - started) / 1e9);
			report.print();
			return new ProcTermServer(context, jetty, baseUrl, report);
		} catch (Exception | Error e) {
			if (jetty != null) {
				jetty.stop();
			}
			context.close();
			throw e;
		}
	}

	public String baseUrl() {
		return baseUrl;
	}

	public StartupReport report() {
		return report;
	}

	public void join() throws InterruptedException {
		jetty.join();
	}

	@Override
	public void close() throws Exception {
		try {
			jetty.stop();
		} finally {
			context.close();
		}
	}
}
