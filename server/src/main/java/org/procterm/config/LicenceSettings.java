package org.procterm.config;

import java.net.URI;
import java.util.Set;

/**
 * Who may read licensed content (AMA's CPT descriptors) and where it is.
 *
 * @param restrictedSystems code system URLs whose texts only licensed clients see
 * @param tokens bearer tokens that carry the licence (the admin token always does)
 * @param jwtIssuer the issuer ({@code iss}) of OAuth2 bearer JWTs that may carry the licence; null: JWTs not accepted
 * @param jwksUrl where the issuer publishes its signing keys
 * @param jwtScope the scope a JWT must hold to carry the licence
 * @param jwtAudience the audience ({@code aud}) a JWT must name, or null to accept any
 */
public record LicenceSettings(Set<String> restrictedSystems, Set<String> tokens, String jwtIssuer, URI jwksUrl, String jwtScope,
		String jwtAudience) {

	public LicenceSettings {
		restrictedSystems = Set.copyOf(restrictedSystems);
		tokens = Set.copyOf(tokens);
	}

	public boolean acceptsJwt() {
		return jwtIssuer != null;
	}
}
