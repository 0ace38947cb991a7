package org.procterm.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets requests in as a start gets ready for them. The engine is loaded seconds before HAPI's store
 * has opened: from then on terminology operations ($lookup, $validate-code, $expand... on
 * CodeSystem, ValueSet and ConceptMap) go through, and every other request (reads, searches, writes,
 * the web pages, the CapabilityStatement) waits for the store, for at most {@code wait}, and is then
 * answered 503 with Retry-After. Health and metrics are never held.
 * <p>
 * When the store opens, HAPI's providers are added to the running REST server. HAPI's routing
 * tables are plain maps, so that happens while no request is being routed: the operations let in
 * early hold a read lock, the opening the write lock.
 */
public final class StoreGate implements Filter {

	/** How far a start has got. */
	private enum Phase {
		/** Nothing is served yet (the first start installs the bundled content first). */
		STARTING,
		/** The engine serves everything stored; HAPI's store is still opening. */
		TERMINOLOGY,
		/** Everything is served. */
		OPEN
	}

	/** A terminology operation, type- or instance-level, under /fhir. */
	private static final Pattern TERMINOLOGY_OPERATION = Pattern.compile("/fhir/(CodeSystem|ValueSet|ConceptMap)(/[A-Za-z0-9\\-.]{1,64})?/\\$[A-Za-z-]{1,64}");

	private final ErrorBodies errors;
	private final Duration wait;
	private final CompletableFuture<Void> opened = new CompletableFuture<>();
	private final ReentrantReadWriteLock routing = new ReentrantReadWriteLock();
	private volatile Phase phase = Phase.STARTING;

	public StoreGate(ErrorBodies errors, Duration wait) {
		this.errors = errors;
		this.wait = wait;
	}

	/** The engine serves everything stored: terminology operations may go through. */
	public void serveTerminology() {
		if (phase == Phase.STARTING) {
			phase = Phase.TERMINOLOGY;
		}
	}

	/** The store has opened: runs {@code addProviders} while nothing is routed, then lets everything through. */
	public void open(Runnable addProviders) {
		routing.writeLock().lock();
		try {
			addProviders.run();
			phase = Phase.OPEN;
		} finally {
			routing.writeLock().unlock();
		}
		opened.complete(null);
	}

	/** The store failed to open (the server is stopping): the requests held are answered 503 at once. */
	public void failed(Throwable cause) {
		opened.completeExceptionally(cause);
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		Phase now = phase;
		HttpServletRequest request = (HttpServletRequest) req;
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (now == Phase.OPEN || path.startsWith("/health/") || path.equals("/metrics")) {
			chain.doFilter(req, res);
			return;
		}
		if (now == Phase.TERMINOLOGY && TERMINOLOGY_OPERATION.matcher(path).matches()) {
			routing.readLock().lock();
			try {
				chain.doFilter(req, res);
			} finally {
				routing.readLock().unlock();
			}
			return;
		}
		if (awaitOpen()) {
			chain.doFilter(req, res);
		} else {
			HttpServletResponse response = (HttpServletResponse) res;
			response.setHeader("Retry-After", ErrorBodies.STORE_RETRY_AFTER_SECONDS);
			errors.send(request, response, 503, ErrorBodies.STORE_NOT_OPEN);
		}
	}

	private boolean awaitOpen() {
		try {
			opened.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		} catch (ExecutionException | TimeoutException e) {
			return false;
		}
	}
}
