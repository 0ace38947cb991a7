package org.procterm.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.postgresql.PGConnection;
import org.procterm.config.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this node's engine up to the changes other nodes commit to the shared PostgreSQL database.
 * It listens on the change channel (LISTEN/NOTIFY) on a connection of its own, and on every
 * notification, and at least once a second whatever arrives, compares the change counter with the
 * last change it applied: so a notification lost to a dropped connection is made good within a
 * second, and a reconnect heals itself. Only the resources that changed are read again. A node that
 * was away longer than the log keeps changes reloads everything.
 */
public final class ChangeFollower implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);
	/** The longest a change can wait for this node when its notification is lost. */
	static final Duration CATCH_UP = Duration.ofSeconds(1);
	/** How long the log keeps a change: longer than any node is expected to be away. */
	private static final Duration KEEP = Duration.ofDays(7);

	private final ChangeLog changes;
	private final EngineSync sync;
	private final ServerSettings settings;
	private long applied;
	/** When a catch-up last finished (System.nanoTime), so readiness can tell a node that has stopped following. */
	private volatile long caughtUpAt = System.nanoTime();
	private long lastPrune;
	private volatile boolean closed;
	private volatile Thread listener;

	public ChangeFollower(ChangeLog changes, EngineSync sync, ServerSettings settings) {
		this.changes = changes;
		this.sync = sync;
		this.settings = settings;
	}

	/** The change counter as it stands before the engine loads everything: where following starts. */
	public synchronized void startingAt(long counter) {
		applied = counter;
	}

	/** Starts listening, on a daemon thread that ends with {@link #close}. */
	public void start() {
		Thread t = new Thread(this::listen, "procterm-change-follower");
		t.setDaemon(true);
		listener = t;
		t.start();
	}

	private void listen() {
		Duration pause = Duration.ofMillis(250);
		while (!closed) {
			try (Connection connection = DirectConnections.to(settings).getConnection();
					Statement listen = connection.createStatement()) {
				listen.execute("LISTEN " + ChangeLog.CHANNEL);
				PGConnection pg = connection.unwrap(PGConnection.class);
				pause = Duration.ofMillis(250);
				catchUp(); // whatever was committed before the LISTEN took hold
				while (!closed) {
					pg.getNotifications((int) CATCH_UP.toMillis()); // a notification, or a second without one
					catchUp();
				}
			} catch (SQLException | RuntimeException e) {
				if (closed) {
					return;
				}
				log.warn("Following other nodes' changes was interrupted ({}); retrying in {} ms", e.getMessage(), pause.toMillis());
				sleep(pause);
				pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
			}
		}
	}

	/** Applies every change committed since the last one applied, in order. */
	public synchronized void catchUp() {
		long counter = changes.current();
		while (applied < counter && !closed) {
			List<ChangeLog.Change> next = changes.after(applied);
			if (next.isEmpty() || next.get(0).seq() != applied + 1) {
				// the changes in between are no longer kept: this node was away too long
				log.info("Reloading all terminology: changes {} to {} are no longer in the change log", applied + 1, counter);
				sync.loadAll();
				applied = counter;
				break;
			}
			// the last change of each resource in this batch is the one that counts (an import logs two)
			java.util.Map<String, ChangeLog.Change> latest = new java.util.LinkedHashMap<>();
			long last = applied;
			for (ChangeLog.Change change : next) {
				if (!change.node().equals(sync.node())) { // this node's own were applied as they committed
					latest.remove(change.resourceType() + "/" + change.resourceId());
					latest.put(change.resourceType() + "/" + change.resourceId(), change);
				}
				last = change.seq();
			}
			for (ChangeLog.Change change : latest.values()) {
				try {
					sync.apply(change);
				} catch (org.springframework.dao.DataAccessException e) {
					throw e; // the database went away: the batch is applied again when it is back
				} catch (RuntimeException e) {
					// a change that cannot be applied at all would otherwise hold up every later one
					log.warn("Change {} of {}/{} from another node could not be applied: {}", change.seq(), change.resourceType(),
							change.resourceId(), e.getMessage());
				}
			}
			applied = last; // only now: a batch that failed half-way (the database went away) is applied again
		}
		caughtUpAt = System.nanoTime();
		long now = System.currentTimeMillis();
		if (now - lastPrune > Duration.ofHours(1).toMillis()) {
			lastPrune = now;
			changes.prune(KEEP);
		}
	}

	/** Whether this node has caught up with the others lately (within ten catch-up rounds). */
	public boolean isFollowing() {
		return System.nanoTime() - caughtUpAt < CATCH_UP.multipliedBy(10).toNanos();
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closed = true;
		Thread t = listener;
		if (t != null) {
			t.interrupt();
		}
	}
}
