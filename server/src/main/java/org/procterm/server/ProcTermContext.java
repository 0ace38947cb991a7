package org.procterm.server;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import org.procterm.config.ServerSettings;
import org.procterm.content.BundledPackage;
import org.procterm.store.ChangeFollower;
import org.procterm.store.ChangeLog;
import org.procterm.store.EngineSync;
import org.procterm.store.SchemaMigrations;
import org.procterm.store.StorageConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * procterm without its web server: the database with HAPI's JPA layer, the engine loaded from it,
 * and the bundled package installed. The server runs on it; the import and diff commands use it alone.
 */
public final class ProcTermContext implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ProcTermContext.class);

	private final AnnotationConfigApplicationContext spring;
	private final String packageId;

	private ProcTermContext(AnnotationConfigApplicationContext spring, String packageId) {
		this.spring = spring;
		this.packageId = packageId;
	}

	public static ProcTermContext open(ServerSettings settings) {
		return open(settings, new Class<?>[0]);
	}

	/** As {@link #open(ServerSettings)}, with more Spring configuration: how a test puts its own beans in place (a @Primary one wins). */
	public static ProcTermContext open(ServerSettings settings, Class<?>... more) {
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
		AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
		try {
			// HAPI reads this Spring property to decide whether its Quartz schedulers run at all
			spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("procterm",
					Map.of("scheduling_disabled", String.valueOf(!settings.schedulingEnabled()))));
			spring.registerBean(ServerSettings.class, () -> settings);
			spring.registerBean(org.procterm.store.LazyRepositories.class, org.procterm.store.LazyRepositories::new);
			spring.registerBean(org.procterm.store.ServedResourceTypes.class, () -> new org.procterm.store.ServedResourceTypes(settings.resourceTypes()));
			spring.register(StorageConfig.class, TerminologyConfig.class);
			if (more.length > 0) {
				spring.register(more);
			}
			spring.refresh();
			log.info("  database and FHIR store ready ({} s)", seconds(started));
			if (settings.isPostgres()) {
				// where following other nodes' changes starts: anything committed from here on is applied again, which is harmless
				spring.getBean(ChangeFollower.class).startingAt(spring.getBean(ChangeLog.class).current());
			}
			spring.getBean(EngineSync.class).loadAll();
			log.info("  terminology loaded: {} code system versions, {} value sets ({} s)",
					spring.getBean(org.procterm.engine.TerminologyEngine.class).codeSystems().size(),
					spring.getBean(org.procterm.engine.TerminologyEngine.class).valueSetCount(), seconds(started));
			String packageId = spring.getBean(BundledPackage.class).install();
			log.info("  bundled content {} in place ({} s)", packageId, seconds(started));
			return new ProcTermContext(spring, packageId);
		} catch (RuntimeException | Error e) {
			spring.close();
			throw e;
		}
	}

	private static String seconds(long since) {
		return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
	}

	public <T> T bean(Class<T> type) {
		return spring.getBean(type);
	}

	/** The bundled package as {@code name#version}. */
	public String packageId() {
		return packageId;
	}

	AnnotationConfigApplicationContext spring() {
		return spring;
	}

	private static void createDataDir(ServerSettings settings) {
		try {
			Files.createDirectories(settings.dataDir());
		} catch (IOException e) {
			throw new IllegalStateException("Cannot create the data folder " + settings.dataDir() + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		spring.close();
	}
}
