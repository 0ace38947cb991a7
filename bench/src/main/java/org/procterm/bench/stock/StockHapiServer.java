package org.procterm.bench.stock;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;

/**
 * Runs stock HAPI FHIR JPA (see {@link StockHapiConfig}) on Jetty at {@code /fhir}, with HAPI's own
 * resource providers for every type, CodeSystem and ValueSet included, and its ValueSet operations.
 *
 * <pre>java -cp procterm-bench.jar org.procterm.bench.stock.StockHapiServer PORT DATA_FOLDER</pre>
 */
public final class StockHapiServer {

	private StockHapiServer() {}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path data = Path.of(args[1]);
		AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
		// HAPI's scheduled jobs stay on, as in the starter: they write deferred concepts and pre-expand value sets
		spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stock", Map.of("scheduling_disabled", "false")));
		spring.registerBean(StockHapiConfig.DataFolder.class, () -> new StockHapiConfig.DataFolder(data));
		spring.register(StockHapiConfig.class);
		spring.refresh();

		RestfulServer fhir = new RestfulServer(spring.getBean(ca.uhn.fhir.context.FhirContext.class)) {
			@Override
			protected void initialize() {
				setDefaultResponseEncoding(EncodingEnum.JSON);
				registerProviders(spring.getBean("myResourceProvidersR4", ResourceProviderFactory.class).createProviders());
				registerProvider(spring.getBean("mySystemProviderR4"));
				registerProvider(spring.getBean(ValueSetOperationProvider.class));
				setPagingProvider(spring.getBean(DatabaseBackedPagingProvider.class));
				setServerConformanceProvider(new JpaCapabilityStatementProvider(this, spring.getBean(IFhirSystemDao.class),
						spring.getBean(JpaStorageSettings.class), spring.getBean(ISearchParamRegistry.class),
						spring.getBean(IValidationSupport.class)));
			}
		};
		Server jetty = new Server();
		ServerConnector connector = new ServerConnector(jetty);
		connector.setHost("127.0.0.1");
		connector.setPort(port);
		jetty.addConnector(connector);
		ServletContextHandler servlets = new ServletContextHandler();
		servlets.setContextPath("/");
		ServletHolder holder = new ServletHolder(fhir);
		holder.setInitOrder(1);
		servlets.addServlet(holder, "/fhir/*");
		jetty.setHandler(servlets);
		jetty.start();
		System.out.println("stock HAPI FHIR JPA listening on http://127.0.0.1:" + port + "/fhir");
		jetty.join();
	}
}
