package org.procterm.store;

import java.util.Set;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;

/**
 * procterm's interceptors on HAPI's store: the engine follows every write ({@link EngineSync}),
 * content the engine could not serve is refused before it is stored ({@link StoredContentRules}), and
 * so are batch entries of types not stored ({@link UnstoredTypeEntries}). Made as the store opens, before
 * any of HAPI's jobs can write.
 */
public final class StoreHooks {

	/**
	 * @param served the resource types stored, or null for all
	 * @param validationChain HAPI's validation chain, whose caches each change of terminology clears
	 */
	public StoreHooks(IInterceptorService interceptors, EngineSync sync, Set<String> served, IValidationSupport validationChain) {
		interceptors.registerInterceptor(sync);
		interceptors.registerInterceptor(new StoredContentRules());
		if (served != null) {
			interceptors.registerInterceptor(new UnstoredTypeEntries(served));
		}
		sync.clearsCachesOf(validationChain);
	}
}
