package org.procterm.ops;

import java.io.IOException;
import java.util.function.IntSupplier;

import org.apache.commons.dbcp2.BasicDataSource;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemIndex;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The server's metrics through Micrometer, served at {@code /metrics} in Prometheus's text format:
 * requests by operation and status class with their latency ({@link org.procterm.http.RequestLog}),
 * what the engine serves, the database connection pool, the requests a start holds, and the JVM.
 */
public final class Metrics implements AutoCloseable {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	private final JvmGcMetrics gc = new JvmGcMetrics();

	public Metrics(TerminologyEngine engine, BasicDataSource pool, IntSupplier waitingForStart) {
		new JvmMemoryMetrics().bindTo(registry);
		gc.bindTo(registry);
		new JvmThreadMetrics().bindTo(registry);
		new ClassLoaderMetrics().bindTo(registry);
		new ProcessorMetrics().bindTo(registry);
		new UptimeMetrics().bindTo(registry);
		Gauge.builder("procterm.engine.code.systems", engine, e -> e.codeSystems().size())
				.description("Code system versions the engine serves").register(registry);
		Gauge.builder("procterm.engine.concepts", engine, e -> e.codeSystems().stream().mapToLong(CodeSystemIndex::size).sum())
				.description("Concepts in all code system versions the engine serves").register(registry);
		Gauge.builder("procterm.engine.value.sets", engine, TerminologyEngine::valueSetCount)
				.description("Value set versions the engine serves").register(registry);
		Gauge.builder("procterm.db.connections.active", pool, BasicDataSource::getNumActive)
				.description("Database connections in use").register(registry);
		Gauge.builder("procterm.db.connections.idle", pool, BasicDataSource::getNumIdle)
				.description("Database connections open and idle").register(registry);
		Gauge.builder("procterm.db.connections.max", pool, BasicDataSource::getMaxTotal)
				.description("Most database connections the pool opens").register(registry);
		// strongly held: a gauge keeps only a weak reference to its object, and nothing else keeps this lambda
		Gauge.builder("procterm.start.requests.waiting", waitingForStart, IntSupplier::getAsInt).strongReference(true)
				.description("Requests waiting while a start opens the FHIR store (0 once it is open)").register(registry);
	}

	public MeterRegistry registry() {
		return registry;
	}

	/** {@code GET /metrics}: every metric in Prometheus's text exposition format. */
	public HttpServlet servlet() {
		return new HttpServlet() {
			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.setContentType("text/plain; version=0.0.4; charset=utf-8");
				response.setHeader("Cache-Control", "no-store");
				response.getWriter().write(registry.scrape());
			}
		};
	}

	@Override
	public void close() {
		gc.close();
		registry.close();
	}
}
