package org.procterm.security;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.procterm.config.LicenceSettings;
import org.procterm.engine.Access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Decides, once per request, whether its {@code Authorization: Bearer} credential carries the licence
 * for restricted content: the admin token, one of the configured licence tokens (compared in constant
 * time), or an OAuth2 JWT signed with a key the configured issuer publishes, issued by it, unexpired,
 * and holding the configured scope. Nimbus JOSE+JWT checks the JWT: signature, algorithm, issuer and
 * times are easy to get subtly wrong by hand. Without a credential a request is public; a JWT that
 * fails a check is refused rather than served as public, so a client learns its token is wrong.
 */
public final class LicenceCheck {

	private final WriteGuard admin;
	private final List<byte[]> tokens;
	private final String scope;
	private final DefaultJWTProcessor<SecurityContext> jwts;

	public LicenceCheck(LicenceSettings settings, WriteGuard admin) {
		this.admin = admin;
		this.tokens = settings.tokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
		this.scope = settings.jwtScope();
		this.jwts = settings.acceptsJwt() ? processor(settings) : null;
	}

	private static DefaultJWTProcessor<SecurityContext> processor(LicenceSettings settings) {
		try {
			// Nimbus's default allows 500 ms to fetch the issuer's keys, which a busy issuer (or host) misses; 2 s, and one retry
			JWKSource<SecurityContext> keys = JWKSourceBuilder.create(settings.jwksUrl().toURL(),
					new com.nimbusds.jose.util.DefaultResourceRetriever(2000, 2000, 256 * 1024)).retrying(true).build();
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			// plain JWTs and OAuth2 access tokens (RFC 9068's "at+jwt"), and tokens that state no type
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384),
					keys));
			// the audience, when configured, keeps out tokens the same issuer made for another API
			processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.jwtAudience(),
					new JWTClaimsSet.Builder().issuer(settings.jwtIssuer()).build(), Set.of("exp")));
			return processor;
		} catch (MalformedURLException e) {
			throw new IllegalArgumentException("licence.jwt-jwks-url is not a URL: " + settings.jwksUrl(), e);
		}
	}

	/** What a request with this Authorization header may see. */
	public Access access(String authorization) throws RefusedToken {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Access.PUBLIC;
		}
		if (admin.authorises(authorization)) {
			return Access.LICENSED;
		}
		String token = authorization.substring(7).trim();
		byte[] given = token.getBytes(StandardCharsets.UTF_8);
		boolean match = false;
		for (byte[] known : tokens) {
			match |= MessageDigest.isEqual(given, known); // every token compared: no timing hint about which
		}
		if (match) {
			return Access.LICENSED;
		}
		if (jwts != null && token.chars().filter(c -> c == '.').count() == 2) {
			return jwtAccess(token);
		}
		return Access.PUBLIC; // a token meant for something else (a gateway's, say) is not ours to refuse
	}

	private Access jwtAccess(String token) throws RefusedToken {
		JWTClaimsSet claims;
		try {
			claims = jwts.process(token, null);
		} catch (ParseException | BadJOSEException e) {
			throw new RefusedToken("The bearer token is not a valid licence token of this server: " + reason(e));
		} catch (JOSEException e) {
			throw new RefusedToken("The bearer token could not be checked: the issuer's keys are not available. Try again later");
		}
		return scopes(claims).contains(scope) ? Access.LICENSED : Access.PUBLIC;
	}

	/** Nimbus's reason in words a client can act on, without internals. */
	private static String reason(Exception e) {
		String message = e.getMessage() == null ? "" : e.getMessage();
		if (message.contains("Expired")) {
			return "it has expired";
		}
		if (message.contains("aud")) {
			return "it was issued for another audience";
		}
		if (message.contains("iss")) {
			return "it was issued by another issuer";
		}
		if (message.contains("Signed JWT rejected") || message.contains("signature")) {
			return "its signature does not match the issuer's keys";
		}
		return "it cannot be read as a signed JWT";
	}

	/** The scopes of a token: OAuth2's space-separated {@code scope}, or the {@code scp} list some issuers use. */
	private static Set<String> scopes(JWTClaimsSet claims) {
		Object scope = claims.getClaim("scope");
		Object scp = claims.getClaim("scp");
		java.util.Set<String> all = new java.util.HashSet<>();
		for (Object value : new Object[] {scope, scp}) {
			if (value instanceof String s) {
				all.addAll(List.of(s.trim().split("\\s+")));
			} else if (value instanceof Collection<?> c) {
				c.forEach(item -> all.add(String.valueOf(item)));
			}
		}
		return all;
	}

	/** A bearer JWT that failed a check: the request is answered 401 with this message. */
	public static final class RefusedToken extends Exception {
		public RefusedToken(String message) {
			super(message);
		}
	}
}
