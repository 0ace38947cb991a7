package org.procterm.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets requests in as a start gets ready for them. On a restart the engine is loaded seconds before
 * HAPI's store has opened: from then on the operations the engine alone answers ($lookup,
 * $validate-code, $expand, $subsumes... on the CodeSystem or ValueSet type, see
 * {@link FhirOperation#answeredByEngine}) go through, and every other request waits for the store.
 * Before the engine serves (the first start installs the bundled content first), those wait too.
 * A request waits at most {@code wait} and is then answered 503 with Retry-After. Health and
 * metrics are never held. A waiting request holds a server thread (not its body: this filter comes
 * before the body is read), so at most {@link #MOST_HELD} wait at once; more are answered 503 at
 * once, and the thread pool stays free for what can be answered.
 */
public final class StoreGate implements Filter {

	/** Half of Jetty's default pool of 200 threads. */
	static final int MOST_HELD = 100;

	/** How far a start has got. */
	private enum Phase {
		/** Nothing is served yet: the first start installs the bundled content first. */
		STARTING,
		/** The engine serves everything stored; HAPI's store is still opening. */
		TERMINOLOGY,
		/** Everything is served. */
		OPEN,
		/** The start failed, and the server is stopping. */
		FAILED,
		/** The server is stopping. */
		STOPPING
	}

	/** An operation on the CodeSystem or ValueSet type, under /fhir. */
	private static final Pattern TYPE_OPERATION = Pattern.compile("/fhir/(?:CodeSystem|ValueSet)/(\\$[A-Za-z-]{1,64})");

	private final ErrorBodies errors;
	private final Duration wait;
	/** Done when the engine serves everything stored (or everything is served). */
	private final CompletableFuture<Void> engineServes = new CompletableFuture<>();
	/** Done when everything is served. */
	private final CompletableFuture<Void> opened = new CompletableFuture<>();
	private final Semaphore held = new Semaphore(MOST_HELD);
	private volatile Phase phase = Phase.STARTING;

	public StoreGate(ErrorBodies errors, Duration wait) {
		this.errors = errors;
		this.wait = wait;
	}

	/** The engine serves everything stored: the operations it alone answers may go through. */
	public void serveTerminology() {
		if (phase == Phase.STARTING) {
			phase = Phase.TERMINOLOGY;
		}
		engineServes.complete(null);
	}

	/** Everything is served: the requests held go on. */
	public void open() {
		phase = Phase.OPEN;
		engineServes.complete(null);
		opened.complete(null);
	}

	/** The start failed (the server is stopping): the requests held are answered 503 at once. */
	public void failed() {
		end(Phase.FAILED);
	}

	/**
	 * The server is stopping before everything was served: the requests held are answered 503 at
	 * once, so the stop need not wait for them (they would wait for a store that is not coming).
	 */
	public void stopping() {
		if (phase != Phase.OPEN) {
			end(Phase.STOPPING);
		}
	}

	private void end(Phase last) {
		phase = last;
		IllegalStateException ended = new IllegalStateException("no longer starting");
		engineServes.completeExceptionally(ended);
		opened.completeExceptionally(ended);
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		Phase now = phase;
		if (now == Phase.OPEN) { // the rest of a server's life: nothing more on each request than this read
			chain.doFilter(req, res);
			return;
		}
		HttpServletRequest request = (HttpServletRequest) req;
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/health/") || path.equals("/metrics")) {
			chain.doFilter(req, res);
			return;
		}
		boolean byEngine = answeredByEngine(path);
		if (now == Phase.TERMINOLOGY && byEngine) {
			chain.doFilter(req, res);
			return;
		}
		HttpServletResponse response = (HttpServletResponse) res;
		if (now != Phase.FAILED && now != Phase.STOPPING && held.tryAcquire()) {
			boolean mayGo;
			try {
				mayGo = await(byEngine ? engineServes : opened);
			} finally {
				held.release();
			}
			if (mayGo) {
				chain.doFilter(req, res);
				return;
			}
		}
		if (phase == Phase.FAILED) {
			errors.send(request, response, 503, ErrorBodies.START_FAILED);
		} else if (phase == Phase.STOPPING) {
			errors.send(request, response, 503, ErrorBodies.STOPPING);
		} else {
			response.setHeader("Retry-After", ErrorBodies.STORE_RETRY_AFTER_SECONDS);
			errors.send(request, response, 503, phase == Phase.TERMINOLOGY ? ErrorBodies.STORE_OPENING : ErrorBodies.STARTING);
		}
	}

	/** How many requests wait for the start to get further: a metric, so that an operator sees a slow store hold clients. */
	public int waiting() {
		return MOST_HELD - held.availablePermits();
	}

	private static boolean answeredByEngine(String path) {
		Matcher m = TYPE_OPERATION.matcher(path);
		return m.matches() && FhirOperation.named(m.group(1)).map(FhirOperation::answeredByEngine).orElse(false);
	}

	private boolean await(CompletableFuture<Void> phaseReached) {
		try {
			phaseReached.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		} catch (ExecutionException | TimeoutException e) {
			return false;
		}
	}
}
