package org.procterm.server;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.procterm.engine.TerminologyEngine;
import org.procterm.store.EngineSync;
import org.procterm.store.StorageConfig;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A running procterm: the Spring context with HAPI's JPA server, the engine loaded from the database,
 * the bundled package installed, and Jetty serving {@code /fhir}. Used by the CLI and by the tests.
 */
public final class ProcTermServer implements AutoCloseable {

	private final AnnotationConfigApplicationContext spring;
	private final Server jetty;
	private final String baseUrl;
	private final StartupReport report;

	private ProcTermServer(AnnotationConfigApplicationContext spring, Server jetty, String baseUrl, StartupReport report) {
		this.spring = spring;
		this.jetty = jetty;
		this.baseUrl = baseUrl;
		this.report = report;
	}

	public static ProcTermServer start(ServerSettings settings) throws Exception {
		long started = System.nanoTime();
		createDataDir(settings);
		AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
		Server jetty = null;
		try {
			// HAPI reads this Spring property to decide whether its Quartz schedulers run at all
			spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("procterm",
					Map.of("scheduling_disabled", String.valueOf(!settings.schedulingEnabled()))));
			spring.registerBean(ServerSettings.class, () -> settings);
			spring.register(StorageConfig.class, TerminologyConfig.class);
			spring.refresh();

			spring.getBean(EngineSync.class).loadAll();
			String packageId = spring.getBean(BundledPackage.class).install();

			jetty = new Server();
			ServerConnector connector = new ServerConnector(jetty);
			connector.setHost(settings.host());
			connector.setPort(settings.port());
			jetty.addConnector(connector);
			ServletContextHandler context = new ServletContextHandler();
			context.setContextPath("/");
			ServletHolder fhir = new ServletHolder(new ProcTermRestfulServer(spring, settings));
			fhir.setInitOrder(1);
			context.addServlet(fhir, "/fhir/*");
			jetty.setHandler(context);
			jetty.start();

			String baseUrl = "http://" + settings.host() + ":" + connector.getLocalPort() + "/fhir";
			StartupReport report = new StartupReport(baseUrl, settings, packageId, spring.getBean(TerminologyEngine.class),
					(System.nanoTime() - started) / 1e9);
			report.print();
			return new ProcTermServer(spring, jetty, baseUrl, report);
		} catch (Exception | Error e) {
			if (jetty != null) {
				jetty.stop();
			}
			spring.close();
			throw e;
		}
	}

	private static void createDataDir(ServerSettings settings) {
		try {
			Files.createDirectories(settings.dataDir());
		} catch (IOException e) {
			throw new IllegalStateException("Cannot create the data folder " + settings.dataDir() + ": " + e.getMessage(), e);
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
			spring.close();
		}
	}
}
