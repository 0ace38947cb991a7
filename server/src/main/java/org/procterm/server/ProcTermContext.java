package org.procterm.server;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.apache.commons.dbcp2.BasicDataSource;
import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.content.CoreTerminology;
import org.procterm.engine.BuiltInTerminology;
import org.procterm.engine.EngineLimits;
import org.procterm.engine.LicensedContent;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemJsonReader;
import org.procterm.store.ChangeFollower;
import org.procterm.store.ChangeLog;
import org.procterm.store.CodeSystemContentStore;
import org.procterm.store.EngineSync;
import org.procterm.store.FhirStore;
import org.procterm.store.InstalledPackages;
import org.procterm.store.SchemaMigrations;
import org.procterm.store.ServedResourceTypes;
import org.procterm.store.StorageConfig;
import org.procterm.store.StoredTerminology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.r4.FhirContextR4Config;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;

/**
 * procterm without its web server: the database, the engine loaded from it, HAPI's JPA store and
 * the bundled package installed. The server runs on it; the import and diff commands use it alone.
 * <p>
 * A start has two halves. {@link #begin} sets HAPI's store (its Spring context, Hibernate and the
 * DAOs: most of a start's time) opening on a thread of its own, the engine following its writes
 * from the moment it opens (StoreHooks), and loads the engine straight from the database's tables
 * meanwhile (a second or two); {@link #awaitStore} waits for the store and installs the bundled
 * package if it is new. In between, the engine answers terminology requests; whatever needs the
 * store waits for it ({@link FhirStore}).
 */
public final class ProcTermContext implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ProcTermContext.class);

	/** When a start loads the engine from HAPI's tables. */
	private enum EngineLoad {
		/** Before the store opens: a restart. */
		BEFORE_STORE,
		/** Once the store has opened: on H2, when the tables could not be read before Hibernate updated them. */
		AFTER_STORE,
		/** Not at all: a new database, whose content the bundled package's install brings (EngineSync serves it as it is stored). */
		NOTHING_STORED
	}

	private final long started;
	private final BasicDataSource database;
	private final FhirContext fhirContext;
	private final TerminologyEngine engine;
	private final EngineSync sync;
	private final ChangeFollower follower;
	private final BundledPackage bundled;
	private final AnnotationConfigApplicationContext spring;
	private final FhirStore store;
	private final Thread opening;
	private BundledPackage.Plan plan;
	/** When this start loads the engine from the tables. */
	private EngineLoad load;
	private String packageId;

	private ProcTermContext(long started, BasicDataSource database, FhirContext fhirContext,
			TerminologyEngine engine, EngineSync sync, ChangeFollower follower, BundledPackage bundled,
			AnnotationConfigApplicationContext spring, FhirStore store, Thread opening) {
		this.started = started;
		this.database = database;
		this.fhirContext = fhirContext;
		this.engine = engine;
		this.sync = sync;
		this.follower = follower;
		this.bundled = bundled;
		this.spring = spring;
		this.store = store;
		this.opening = opening;
	}

	/** A context whose store has opened and whose bundled package is in place. */
	public static ProcTermContext open(ServerSettings settings) {
		return open(settings, new Class<?>[0]);
	}

	/**
	 * As {@link #open(ServerSettings)}, with more Spring configuration: how a test puts its own beans
	 * in HAPI's store (a @Primary one wins). The engine, its sync and procterm's tables are made
	 * before the store, and are not replaced this way.
	 */
	public static ProcTermContext open(ServerSettings settings, Class<?>... more) {
		ProcTermContext context = begin(settings, more);
		try {
			context.awaitStore();
			return context;
		} catch (RuntimeException | Error e) {
			context.close();
			throw e;
		}
	}

	/**
	 * Loads the engine from the database and sets HAPI's store opening in the background. The engine
	 * then serves everything stored, unless {@link #servesAtOnce()} says the bundled package is still
	 * to be installed (the first start, a new procterm).
	 */
	public static ProcTermContext begin(ServerSettings settings, Class<?>... more) {
		long started = System.nanoTime();
		// said at once: the phases below take seconds each on a busy machine, and silence looks like a hang
		log.info("Starting procterm {} on {}", org.procterm.BuildInfo.VERSION, settings.databaseDescription());
		createDataDir(settings);
		if (settings.isPostgres()) {
			SchemaMigrations.Changes pending = SchemaMigrations.pending(settings);
			if (!pending.none()) {
				throw new IllegalStateException("The database schema is older than this procterm (" + pending.hapi() + " HAPI FHIR and "
						+ pending.procterm() + " procterm changes pending). Run 'java -jar procterm.jar migrate' with the same database "
						+ "options first; it creates the schema on a new database and upgrades an existing one.");
			}
		}
		BasicDataSource database = StorageConfig.dataSource(settings);
		AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
		try {
			// HAPI's own settings for its context, on the one context the engine, HAPI and the REST layer share
			FhirContext fhirContext = FhirContextR4Config.configureFhirContext(FhirContext.forR4());
			CodeSystemContentStore contentStore = new CodeSystemContentStore(database, settings.isPostgres());
			ChangeLog changes = new ChangeLog(database);
			InstalledPackages installed = new InstalledPackages(database, settings.isPostgres());
			TerminologyEngine engine = engine(settings, fhirContext);
			StoredTerminology stored = new StoredTerminology(database, fhirContext);
			// on PostgreSQL other nodes may share the database (see ChangeFollower); H2 has one user at a time
			EngineSync sync = new EngineSync(engine, stored, contentStore, new CodeSystemJsonReader(fhirContext), changes,
					settings.isPostgres());
			ChangeFollower follower = new ChangeFollower(changes, sync, settings);
			BundledPackage bundled = new BundledPackage(contentStore, installed);
			boolean stores = stored.schemaExists(); // asked before Hibernate makes the tables of a new H2 database

			// HAPI reads this Spring property to decide whether its Quartz schedulers run at all
			spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("procterm",
					Map.of("scheduling_disabled", String.valueOf(!settings.schedulingEnabled()))));
			spring.registerBean(ServerSettings.class, () -> settings);
			spring.registerBean(org.procterm.store.LazyRepositories.class, org.procterm.store.LazyRepositories::new);
			spring.registerBean(ServedResourceTypes.class, () -> new ServedResourceTypes(settings.resourceTypes()));
			// made here and closed by this context, not by Spring, which would close them when a failed
			// start of the store destroys its beans, while the engine is still loading from the pool
			org.springframework.beans.factory.config.BeanDefinitionCustomizer ours = bd -> bd.setDestroyMethodName("");
			// under the names of the beans HAPI's configuration would make, which a bean registered here replaces
			spring.registerBean("dataSource", BasicDataSource.class, () -> database, ours);
			spring.registerBean("primaryFhirContext", FhirContext.class, () -> fhirContext, bd -> bd.setPrimary(true));
			spring.registerBean(TerminologyEngine.class, () -> engine, ours);
			spring.registerBean(EngineSync.class, () -> sync, ours);
			spring.registerBean(CodeSystemContentStore.class, () -> contentStore, ours);
			spring.registerBean(InstalledPackages.class, () -> installed, ours);
			spring.registerBean(ChangeLog.class, () -> changes, ours);
			spring.registerBean(ChangeFollower.class, () -> follower, ours);
			spring.registerBean(BundledPackage.class, () -> bundled, ours);
			spring.register(StorageConfig.class, TerminologyConfig.class);
			if (more.length > 0) {
				spring.register(more);
			}
			FhirStore store = new FhirStore(settings.limits().startWait());
			Thread opening = new Thread(() -> openStore(spring, store, started), "procterm-store-start");
			opening.setDaemon(true);
			opening.start();
			ProcTermContext context = new ProcTermContext(started, database, fhirContext, engine, sync, follower, bundled,
					spring, store, opening);
			try {
				if (settings.isPostgres()) {
					// where following other nodes' changes starts: anything committed from here on is applied again, which is harmless
					follower.startingAt(changes.current());
				}
				context.plan = bundled.plan();
				context.load = stores ? loadEarly(sync, settings) : EngineLoad.NOTHING_STORED;
				if (context.load == EngineLoad.BEFORE_STORE) {
					context.logLoaded();
				}
				if (context.plan.needed()) {
					log.info("  {}: the bundled content {} is installed once the FHIR store is open", stores ? "new content" : "new database",
							context.plan.id());
				}
				return context;
			} catch (RuntimeException | Error e) {
				context.close();
				store.failure().ifPresent(e::addSuppressed); // a failed store start may be why
				throw e;
			}
		} catch (RuntimeException | Error e) {
			close(database);
			throw e;
		}
	}

	private static void close(BasicDataSource database) {
		try {
			database.close(); // closing again is harmless
		} catch (java.sql.SQLException e) {
			log.warn("Closing the database connections failed: {}", e.getMessage());
		}
	}

	private static TerminologyEngine engine(ServerSettings settings, FhirContext fhirContext) {
		// in restricted code systems, procterm's own plain-language names are the texts anyone may read
		var ours = CptVocabulary.PATIENT_NAME_USE;
		return new TerminologyEngine(new EngineLimits(settings.maxExpansionSize(), settings.limits().operationTime()),
				new LicensedContent(settings.licence().restrictedSystems(), java.util.Set.of(ours.getSystem() + "|" + ours.getCode())),
				settings.coreTerminology() ? new BuiltInTerminology(new CoreTerminology(fhirContext)) : BuiltInTerminology.NONE);
	}

	/**
	 * Loads the engine from the tables before HAPI's store opens. On H2, whose schema Hibernate
	 * updates as the store opens, a start after an upgrade of HAPI may find the tables not yet as
	 * this procterm reads them: then the engine loads once the store is open (and the start is ready then).
	 */
	private static EngineLoad loadEarly(EngineSync sync, ServerSettings settings) {
		try {
			sync.loadAll();
			return EngineLoad.BEFORE_STORE;
		} catch (org.springframework.dao.DataAccessException e) {
			if (settings.isPostgres()) {
				throw e; // PostgreSQL's schema is current: a start refuses one 'procterm migrate' has not brought up to date
			}
			log.info("  the stored terminology is read once the FHIR store has updated the database's tables ({})", e.getMessage());
			return EngineLoad.AFTER_STORE;
		}
	}

	/** Opens HAPI's store, on its own thread. */
	private static void openStore(AnnotationConfigApplicationContext spring, FhirStore store, long started) {
		try {
			spring.refresh();
			log.info("  FHIR store open ({} s)", seconds(started));
			store.opened(spring);
		} catch (RuntimeException | Error e) {
			store.failed(e);
		}
	}

	/**
	 * Whether the engine serves everything there is to serve before the store has opened: yes, unless
	 * the bundled package is to be installed, which needs the store, or the tables could not be read
	 * before the store updated them (H2 after an upgrade, see loadEarly).
	 */
	public boolean servesAtOnce() {
		return load == EngineLoad.BEFORE_STORE && !plan.needed();
	}

	/** Waits for HAPI's store to open and installs the bundled package if it is new. */
	public void awaitStore() {
		join();
		Throwable failed = store.failure().orElse(null);
		if (failed instanceof RuntimeException e) {
			throw e;
		} else if (failed instanceof Error e) {
			throw e;
		} else if (failed != null) {
			throw new IllegalStateException("The FHIR store failed to open: " + failed.getMessage(), failed);
		}
		if (load == EngineLoad.AFTER_STORE) {
			sync.loadAll();
			logLoaded();
		}
		packageId = bundled.install(spring.getBean(IPackageInstallerSvc.class)); // planned again: another node may have imported CPT since
	}

	private void logLoaded() {
		log.info("  terminology loaded: {} code system versions, {} value sets ({} s)", engine.codeSystems().size(), engine.valueSetCount(),
				seconds(started));
	}

	private void join() {
		try {
			opening.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the FHIR store opened", e);
		}
	}

	/** The seconds since {@code since} (System.nanoTime), for the start's progress lines. */
	static String seconds(long since) {
		return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
	}

	/** A bean of HAPI's store or of procterm's; waits for the store to open. */
	public <T> T bean(Class<T> type) {
		return store.bean(type);
	}

	public TerminologyEngine engine() {
		return engine;
	}

	public FhirContext fhirContext() {
		return fhirContext;
	}

	public BasicDataSource database() {
		return database;
	}

	public ChangeFollower follower() {
		return follower;
	}

	public FhirStore store() {
		return store;
	}

	/** The bundled package as {@code name#version}. */
	public String packageId() {
		return packageId;
	}

	@Override
	public void close() {
		join(); // a context is not closed while it is still being made
		follower.close();
		try {
			if (spring.isActive()) {
				// HAPI's scheduled jobs first, waiting for any that runs, while the beans they use are there: a
				// stop just after the store opened otherwise meets their first run as Spring destroys those beans
				spring.getBeanProvider(ca.uhn.fhir.jpa.sched.BaseSchedulerServiceImpl.class).ifAvailable(
						ca.uhn.fhir.jpa.sched.BaseSchedulerServiceImpl::stop);
			}
			spring.close();
		} finally {
			close(database);
		}
	}

	private static void createDataDir(ServerSettings settings) {
		try {
			Files.createDirectories(settings.dataDir());
		} catch (IOException e) {
			throw new IllegalStateException("Cannot create the data folder " + settings.dataDir() + ": " + e.getMessage(), e);
		}
	}
}
