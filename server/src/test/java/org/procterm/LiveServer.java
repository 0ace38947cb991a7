package org.procterm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.procterm.server.ProcTermServer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;

/**
 * The real procterm (Jetty + HAPI JPA + H2 on a temporary folder), started once per test JVM and
 * shared by every test class that uses this extension; JUnit closes it when the run ends. Tests get
 * a {@link Server} parameter with a HAPI generic client (anonymous) and an admin client. With the
 * system property {@code procterm.test.database=postgresql} (the build's second test run, see
 * server/pom.xml) the server runs on a real, embedded PostgreSQL instead.
 */
public class LiveServer implements ParameterResolver {

	/** What a test talks to. */
	public record Server(String baseUrl, FhirContext fhir, IGenericClient client, IGenericClient admin) {

		/** A plain GET of a path under the FHIR base (e.g. {@code /Library/$patient-section?...}), asking for JSON, with more headers as name, value pairs. */
		public HttpResponse<String> get(String path, String... headers) throws java.io.IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/fhir+json");
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private record Running(ProcTermServer server, Server handle, AutoCloseable database) implements ExtensionContext.Store.CloseableResource {
		@Override
		public void close() throws Exception {
			try {
				server.close();
			} finally {
				if (database != null) {
					database.close();
				}
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Server.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(LiveServer.class));
		return store.getOrComputeIfAbsent("server", key -> start(), Running.class).handle();
	}

	private static Running start() {
		io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = null;
		try {
			java.util.Map<String, String> database = java.util.Map.of();
			if ("postgresql".equals(System.getProperty("procterm.test.database"))) {
				postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
				database = TestServers.migrated(postgres);
			}
			ProcTermServer server = ProcTermServer.start(TestServers.settings(TestServers.newDataDir(), database));
			return new Running(server, clientsFor(server.baseUrl()), postgres);
		} catch (Exception e) {
			closeQuietly(postgres);
			throw new IllegalStateException("the test server did not start", e);
		}
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			if (c != null) {
				c.close();
			}
		} catch (Exception e) {
			// already failing; the first error is the one to report
		}
	}

	public static Server clientsFor(String baseUrl) {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
		IGenericClient anonymous = fhir.newRestfulGenericClient(baseUrl);
		IGenericClient admin = fhir.newRestfulGenericClient(baseUrl);
		admin.registerInterceptor(new BearerTokenAuthInterceptor(TestServers.ADMIN_TOKEN));
		return new Server(baseUrl, fhir, anonymous, admin);
	}
}
