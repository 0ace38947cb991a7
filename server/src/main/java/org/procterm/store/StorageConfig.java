package org.procterm.store;

import java.util.Properties;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.BasicDataSource;
import org.procterm.config.ServerSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.term.api.ITermCodeSystemStorageSvc;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;

/**
 * HAPI's JPA server on plain Spring: the HAPI configuration slices it needs, the database, and the
 * beans HAPI's own {@code HapiJpaConfig} would declare, minus full-text search. Hibernate Search
 * stays off: procterm's engine answers every terminology query, so a Lucene index would only cost
 * start-up time, memory and a second copy of the content that goes stale across nodes.
 */
@Configuration
@Import({JpaR4Config.class, JpaBatch2Config.class, Batch2JobsConfig.class, SubscriptionChannelConfig.class,
		ThreadPoolFactoryConfig.class})
public class StorageConfig {

	@Bean
	public JpaStorageSettings storageSettings(ServerSettings settings) {
		JpaStorageSettings s = new JpaStorageSettings();
		if (settings.resourceTypes() != null) {
			// HAPI's reindex job refuses a SearchParameter any of whose base types is not stored (e.g. a US Core
			// one on Patient), failing its write or package install: a search parameter then applies to the
			// resources written after it, which for a terminology server's few resources is all that matters
			s.setMarkResourcesForReindexingUponSearchParameterChange(false);
		}
		s.setAllowExternalReferences(true);
		// PlanDefinitions and Libraries link to our canonical URLs, which are not resources on this server
		s.setEnforceReferentialIntegrityOnWrite(false);
		s.setEnforceReferentialIntegrityOnDelete(false);
		// the engine expands value sets on demand and caches the result; HAPI's pre-expansion tables would sit unused
		s.setPreExpandValueSets(false);
		// HAPI installs only 'active' package resources by default; our patient text is honestly 'draft'
		// until a clinician has reviewed it, and must still be served (its status tells readers so)
		s.setValidateResourceStatusForPackageUpload(false);
		return s;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	public SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	/** The connection pool, made before this configuration (see ProcTermContext) and registered under HAPI's name for it. */
	public static BasicDataSource dataSource(ServerSettings settings) {
		BasicDataSource ds = new BasicDataSource();
		ds.setDriverClassName(settings.isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver");
		ds.setUrl(settings.dbUrl());
		if (settings.dbUser() != null) {
			ds.setUsername(settings.dbUser());
		}
		if (settings.dbPassword() != null) {
			ds.setPassword(settings.dbPassword());
		}
		ds.setMaxTotal(20);
		// a request waits at most this long for a connection, then fails, rather than hanging on an exhausted pool
		ds.setMaxWait(java.time.Duration.ofSeconds(30));
		return ds;
	}

	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext, JpaStorageSettings storageSettings, DataSource dataSource, ServerSettings settings) {
		LocalContainerEntityManagerFactoryBean emf =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		emf.setPersistenceUnitName("PROCTERM_PU");
		emf.setDataSource(dataSource);
		// Hibernate's start (about 5 s on two cores) runs beside the making of the other beans; a bean
		// that uses the database before it is done waits for it (Spring's background bootstrapping)
		org.springframework.core.task.SimpleAsyncTaskExecutor boot = new org.springframework.core.task.SimpleAsyncTaskExecutor("procterm-jpa-start-");
		boot.setConcurrencyLimit(1);
		emf.setBootstrapExecutor(boot);
		Properties jpa = new Properties();
		jpa.put("hibernate.dialect", settings.isPostgres() ? HapiFhirPostgresDialect.class.getName() : HapiFhirH2Dialect.class.getName());
		// PostgreSQL's schema is HAPI's migrator's (procterm migrate, see SchemaMigrations); H2's is Hibernate's
		jpa.put("hibernate.hbm2ddl.auto", settings.isPostgres() ? "none" : "update");
		jpa.put("hibernate.jdbc.batch_size", "20");
		jpa.put("hibernate.cache.use_query_cache", "false");
		jpa.put("hibernate.cache.use_second_level_cache", "false");
		jpa.put("hibernate.cache.use_structured_entries", "false");
		jpa.put("hibernate.cache.use_minimal_puts", "false");
		jpa.put("hibernate.search.enabled", "false");
		// start-up: no Bean Validation of entities (HAPI checks its own limits before it writes) and no
		// Envers auditing (only HAPI's MDM links are audited, and procterm has no MDM): each loads hundreds of classes
		jpa.put("jakarta.persistence.validation.mode", "none");
		// as with Bean Validation on: HAPI fills some not-null columns (e.g. a tag's partition) as it flushes
		jpa.put("hibernate.check_nullability", "false");
		jpa.put("hibernate.integration.envers.enabled", "false");
		emf.setJpaProperties(jpa);
		return emf;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(jakarta.persistence.EntityManagerFactory emf) {
		return new JpaTransactionManager(emf);
	}

	/** Null on purpose: HAPI checks for this bean to decide whether full-text search is on. */
	@Bean
	public IFulltextSearchSvc fullTextSearchSvc() {
		return null;
	}

	@Bean
	public IHSearchSortHelper extendedFulltextSortHelper(ISearchParamRegistry searchParamRegistry) {
		return new HSearchSortHelperImpl(searchParamRegistry);
	}

	@Bean
	public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
		return new StaleSearchDeletingSvcImpl();
	}

	@Bean
	public DatabaseBackedPagingProvider databaseBackedPagingProvider() {
		return new DatabaseBackedPagingProvider();
	}

	@Bean
	public IResourceSupportedSvc resourceSupportedSvc(DaoRegistry daoRegistry) {
		return new DaoRegistryResourceSupportedSvc(daoRegistry);
	}

	@Bean(name = "myResourceCountsCache")
	public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
		return ResourceCountCacheUtil.newResourceCountCache(systemDao);
	}

	/** Replaces HAPI's bean of the same name: its FHIRPath engine is built after start-up (see the class comment there). */
	@Bean
	public DeferredSearchParamExtractor searchParamExtractor() {
		return new DeferredSearchParamExtractor();
	}

	/** Replaces HAPI's bean of the same name (see the class comment there). */
	@Bean
	public ITermCodeSystemStorageSvc termCodeSystemStorageSvc() {
		return new EngineOnlyCodeSystemStorage();
	}

	/** Binary content (e.g. installed package archives) is kept in the database, so it survives restarts. */
	@Bean
	public IBinaryStorageSvc binaryStorageSvc() {
		return new DatabaseBinaryContentStorageSvcImpl();
	}
}
