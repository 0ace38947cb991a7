package org.procterm.config;

import java.util.Set;

/**
 * Which web origins a browser may call procterm from. Reads (GET, and POST of terminology
 * operations) are allowed from the listed origins; writes need the admin token, which is not among
 * the headers a cross-origin request may send, so no origin can write from a browser.
 *
 * @param allowedOrigins origin patterns, e.g. {@code *} or {@code https://portal.example.org}; empty: none
 */
public record CorsSettings(Set<String> allowedOrigins) {

	public CorsSettings {
		allowedOrigins = Set.copyOf(allowedOrigins);
	}
}
