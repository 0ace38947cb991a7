package org.procterm.server;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.ServerConnector;
import java.util.Set;

import org.procterm.config.CorsSettings;
import org.procterm.config.ServerSettings;
import org.procterm.http.ErrorBodies;
import org.procterm.http.JettyErrors;
import org.procterm.http.AccessFilter;
import org.procterm.http.RequestGuard;
import org.procterm.http.RequestLog;
import org.procterm.http.StoreGate;
import org.procterm.ops.Health;
import org.procterm.ops.Metrics;
import org.apache.commons.dbcp2.BasicDataSource;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.procterm.security.LicenceCheck;
import org.procterm.store.ChangeFollower;
import org.procterm.http.ResponseHeaders;
import org.procterm.security.WriteGuard;
import org.procterm.web.BrowserLanding;
import org.procterm.web.Site;
import org.hl7.fhir.r4.model.Library;

import org.procterm.engine.TerminologyEngine;

/**
 * A running procterm: the engine loaded from the database, HAPI's JPA server, the bundled package
 * installed, and Jetty serving {@code /fhir}, the web pages, health and metrics. Used by the CLI and by the tests.
 */
public final class ProcTermServer implements AutoCloseable {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProcTermServer.class);

	/** How long a stop waits for requests in flight to finish. */
	private static final long STOP_TIMEOUT_MS = 30_000;

	private final ProcTermContext context;
	private final ServerSettings settings;
	private final long started;
	private final Server jetty;
	private final String baseUrl;
	private final Metrics metrics;
	private final Readiness readiness;
	private final StoreGate gate;
	private final FhirEndpoint endpoint;
	private volatile StartupReport report;
	private volatile boolean closed;

	private ProcTermServer(ProcTermContext context, ServerSettings settings, long started, Server jetty, String baseUrl, Metrics metrics,
			Readiness readiness, StoreGate gate, FhirEndpoint endpoint) {
		this.context = context;
		this.settings = settings;
		this.started = started;
		this.jetty = jetty;
		this.baseUrl = baseUrl;
		this.metrics = metrics;
		this.readiness = readiness;
		this.gate = gate;
		this.endpoint = endpoint;
	}

	/** Whether the server takes traffic: from the moment the engine serves (see begin) to the beginning of a stop. */
	private static final class Readiness {
		private volatile boolean ready;
	}

	public static ProcTermServer start(ServerSettings settings) throws Exception {
		return start(settings, new Class<?>[0]);
	}

	/**
	 * Starts procterm and returns once everything is served: {@link #begin}, then {@link #awaitStarted}.
	 *
	 * @param more more Spring configuration for HAPI's store: how a test puts its own beans in place
	 */
	public static ProcTermServer start(ServerSettings settings, Class<?>... more) throws Exception {
		ProcTermServer server = begin(settings, more);
		server.awaitStarted();
		return server;
	}

	/**
	 * Starts procterm and returns as soon as it serves: terminology operations are answered, and
	 * {@code /health/ready} says so, once the engine is loaded, while HAPI's store is still opening
	 * (see StoreGate); the first start of a database installs the bundled content first. The server
	 * may be closed from here on, also before {@link #awaitStarted} has returned.
	 */
	public static ProcTermServer begin(ServerSettings settings, Class<?>... more) throws Exception {
		long started = System.nanoTime();
		ProcTermContext context = ProcTermContext.begin(settings, more);
		Server jetty = null;
		Metrics metrics = null;
		try {
			if (settings.isPostgres()) {
				context.follower().start(); // other nodes may write to the same database
			}
			jetty = new Server();
			ErrorBodies errors = new ErrorBodies(context.fhirContext());
			HttpConfiguration http = new HttpConfiguration();
			http.setSendServerVersion(false); // no version to look up vulnerabilities by
			http.setSendXPoweredBy(false);
			ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
			connector.setHost(settings.host());
			connector.setPort(settings.port());
			jetty.addConnector(connector);
			ServletContextHandler servlets = new ServletContextHandler();
			servlets.setContextPath("/");
			TerminologyEngine engine = context.engine();
			FhirEndpoint endpoint = new FhirEndpoint(new ProcTermRestfulServer(context.fhirContext(), engine, settings, context.store(), null));
			ServletHolder fhir = new ServletHolder(endpoint);
			fhir.setInitOrder(1);
			servlets.addServlet(fhir, "/fhir/*");
			Site site = Site.of(context.store().dao(Library.class), engine, errors);
			servlets.addServlet(new ServletHolder(site.pages()), "/");
			servlets.addServlet(new ServletHolder(site.infobutton()), "/infobutton");
			BasicDataSource database = context.database();
			ChangeFollower follower = context.follower();
			Readiness readiness = new Readiness();
			servlets.addServlet(new ServletHolder(new Health(database,
					() -> readiness.ready && (!settings.isPostgres() || follower.isFollowing()))), "/health/*");
			StoreGate gate = new StoreGate(errors, settings.limits().startWait());
			metrics = new Metrics(engine, database, gate::waiting);
			servlets.addServlet(new ServletHolder(metrics.servlet()), "/metrics");

			WriteGuard admin = new WriteGuard(settings.adminToken());
			// first, so that every answer, the guards' refusals too, has its id, its log line and its timing
			servlets.addFilter(new FilterHolder(new RequestLog(metrics.registry(), settings.accessLog())), "/*", EnumSet.of(DispatcherType.REQUEST));
			// before the request guard, which reads the body: a request held while the store opens holds no body in memory
			servlets.addFilter(new FilterHolder(gate), "/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.addFilter(new FilterHolder(new RequestGuard(settings.limits(), errors, admin)), "/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.addFilter(new FilterHolder(new AccessFilter(new LicenceCheck(settings.licence(), admin), errors)), "/*",
					EnumSet.of(DispatcherType.REQUEST));
			// after the guards (body size, licence): a batch of reads is answered entry by entry inside the server
			servlets.addFilter(new FilterHolder(new org.procterm.http.TerminologyBatch(context.fhirContext(), errors,
					settings.limits().operationTime())),
					"/fhir/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.addFilter(new FilterHolder(new ResponseHeaders(engine)), "/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.addFilter(new FilterHolder(new BrowserLanding()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.addFilter(new FilterHolder(new FlushCoalescingFilter()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
			servlets.setErrorHandler(new JettyErrors.ContextLevel(errors));
			jetty.setErrorHandler(new JettyErrors.ServerLevel(errors));
			// a stop lets the requests in flight finish (new ones get 503) for up to STOP_TIMEOUT_MS
			jetty.setHandler(new GracefulHandler(crossOrigin(settings.cors(), servlets)));
			jetty.setStopTimeout(STOP_TIMEOUT_MS);
			jetty.start();
			String baseUrl = "http://" + settings.host() + ":" + connector.getLocalPort() + "/fhir";
			ProcTermServer server = new ProcTermServer(context, settings, started, jetty, baseUrl, metrics, readiness, gate, endpoint);
			if (context.servesAtOnce()) {
				gate.serveTerminology();
				readiness.ready = true;
				log.info("  ready at {}: terminology operations are answered; reads and writes wait for the FHIR store ({} s)", baseUrl,
						ProcTermContext.seconds(started));
			}
			return server;
		} catch (Exception | Error e) {
			if (jetty != null) {
				jetty.stop();
			}
			if (metrics != null) {
				metrics.close();
			}
			context.close();
			throw e;
		}
	}

	/**
	 * Waits for HAPI's store, installs the bundled content if it is new, and serves everything. If
	 * that fails, the server is closed and the failure thrown.
	 */
	public void awaitStarted() throws Exception {
		try {
			context.awaitStore();
			endpoint.replaceWith(new ProcTermRestfulServer(context.fhirContext(), context.engine(), settings, context.store(),
					context.store().spring()));
			synchronized (this) { // not after a stop has begun (see close)
				if (closed) {
					throw new IllegalStateException("stopped");
				}
				gate.open();
				readiness.ready = true;
			}
			report = new StartupReport(baseUrl, settings, context.packageId(), context.engine(), (System.nanoTime() - started) / 1e9);
			report.print();
			warmUp(context);
		} catch (Exception | Error e) {
			if (closed) {
				throw new IllegalStateException("stopped before the start had finished", e);
			}
			gate.failed();
			close();
			throw e;
		}
	}

	/**
	 * Builds in the background, once the server takes traffic, what start-up left for first use: the
	 * FHIRPath engine a write indexes with (a write that comes first waits for it).
	 */
	private static void warmUp(ProcTermContext context) {
		org.procterm.store.DeferredSearchParamExtractor extractor = context.bean(org.procterm.store.DeferredSearchParamExtractor.class);
		Thread warm = new Thread(() -> {
			try {
				extractor.warmUp();
			} catch (RuntimeException e) {
				log.warn("Preparing for writes failed; the first write prepares again: {}", e.getMessage());
			}
		}, "procterm-warm-up");
		warm.setDaemon(true);
		warm.setPriority(Thread.MIN_PRIORITY);
		warm.start();
	}

	/**
	 * Browsers on the configured origins may read and run terminology operations; the admin token's
	 * header is not among those allowed, so no origin can write.
	 */
	private static Handler crossOrigin(CorsSettings cors, Handler next) {
		CrossOriginHandler handler = new CrossOriginHandler();
		handler.setAllowedOriginPatterns(cors.allowedOrigins().stream().map(o -> o.equals("*") ? ".*" : java.util.regex.Pattern.quote(o))
				.collect(java.util.stream.Collectors.toSet()));
		handler.setAllowedMethods(Set.of("GET", "HEAD", "POST"));
		handler.setAllowedHeaders(Set.of("Content-Type", "Accept", "Accept-Language", "Prefer", "If-None-Match", "If-Modified-Since"));
		handler.setExposedHeaders(Set.of("ETag", "Last-Modified", "Location", "Content-Location"));
		handler.setAllowCredentials(false);
		handler.setHandler(next);
		return handler;
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
	public synchronized void close() throws Exception {
		if (closed) {
			return;
		}
		closed = true;
		readiness.ready = false; // a load balancer stops sending while the requests in flight finish
		gate.stopping(); // a request still waiting for the start is answered now, not after the stop's time limit
		log.info("Stopping procterm: finishing the requests in flight (at most {} s)", STOP_TIMEOUT_MS / 1000);
		try {
			jetty.stop();
		} finally {
			metrics.close();
			context.close(); // waits for HAPI's store if it is still opening
			log.info("procterm stopped");
		}
	}
}
