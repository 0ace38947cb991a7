package org.procterm.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.context.ApplicationContext;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;

/**
 * HAPI's JPA store (its Spring context: Hibernate, the DAOs, the search and paging services), which
 * opens in the background while the engine, loaded straight from the database, already answers
 * terminology requests. What needs the store before it has opened waits for it, for at most
 * {@code wait}, and then fails with {@link NotOpenException}.
 */
public final class FhirStore {

	/** The store did not open in time, or failed to open. */
	public static final class NotOpenException extends RuntimeException {
		private final boolean failed;

		NotOpenException(String message, Throwable cause, boolean failed) {
			super(message, cause);
			this.failed = failed;
		}

		/** Whether the store failed to open (rather than not having opened yet). */
		public boolean failed() {
			return failed;
		}
	}

	private final CompletableFuture<ApplicationContext> opened = new CompletableFuture<>();
	private final Duration wait;

	public FhirStore(Duration wait) {
		this.wait = wait;
	}

	/** The store has opened. */
	public void opened(ApplicationContext spring) {
		opened.complete(spring);
	}

	/** The store could not open: whatever waits for it gives up at once. */
	public void failed(Throwable cause) {
		opened.completeExceptionally(cause);
	}

	/** Why the store failed to open, if it has. */
	public java.util.Optional<Throwable> failure() {
		if (!opened.isCompletedExceptionally()) {
			return java.util.Optional.empty();
		}
		try {
			opened.join();
			return java.util.Optional.empty();
		} catch (java.util.concurrent.CompletionException e) {
			return java.util.Optional.of(e.getCause());
		}
	}

	/** The store's Spring context, once it has opened. */
	public ApplicationContext spring() {
		try {
			return opened.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new NotOpenException("Interrupted while the FHIR store opened", e, false);
		} catch (ExecutionException e) {
			throw new NotOpenException("The FHIR store failed to open: " + e.getCause().getMessage(), e.getCause(), true);
		} catch (TimeoutException e) {
			throw new NotOpenException("The FHIR store is still opening", e, false);
		}
	}

	public <T> T bean(Class<T> type) {
		return spring().getBean(type);
	}

	/**
	 * HAPI's DAO for {@code type}, to hand to what is built before the store opens (the terminology
	 * providers, the web site): each call but {@code getResourceType} waits for the store. A JDK proxy
	 * rather than a hand-written delegate, because the DAO interface has some 80 methods.
	 */
	@SuppressWarnings("unchecked")
	public <T extends IBaseResource> IFhirResourceDao<T> dao(Class<T> type) {
		java.util.concurrent.atomic.AtomicReference<IFhirResourceDao<T>> resolved = new java.util.concurrent.atomic.AtomicReference<>();
		return (IFhirResourceDao<T>) Proxy.newProxyInstance(IFhirResourceDao.class.getClassLoader(), new Class<?>[] {IFhirResourceDao.class},
				(proxy, method, args) -> {
					switch (method.getName()) {
						case "getResourceType":
							return type;
						case "toString":
							return "DAO of " + type.getSimpleName() + " (waits for the FHIR store)";
						case "hashCode":
							return System.identityHashCode(proxy);
						case "equals":
							return proxy == args[0];
						default:
							IFhirResourceDao<T> dao = resolved.get();
							if (dao == null) {
								dao = bean(DaoRegistry.class).getResourceDao(type); // waits for the store
								resolved.set(dao);
							}
							try {
								return method.invoke(dao, args);
							} catch (InvocationTargetException e) {
								throw e.getCause(); // the DAO's own exception, as if called directly
							}
					}
				});
	}
}
