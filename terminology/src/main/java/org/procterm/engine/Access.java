package org.procterm.engine;

/**
 * Whether a request may see licensed content (e.g. AMA's CPT descriptors): decided once per request
 * from its credentials, and passed to the engine with it. Anything not known to be licensed is public.
 */
public enum Access {
	/** The client holds the licence: every text is served. */
	LICENSED,
	/** Anyone else: restricted code systems answer with codes and open texts only. */
	PUBLIC
}
