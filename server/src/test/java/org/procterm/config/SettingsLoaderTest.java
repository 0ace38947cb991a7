package org.procterm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then --config file, then PROCTERM_* environment, then command-line options: the later wins. */
class SettingsLoaderTest {

	@TempDir
	Path dir;

	private static Map<String, String> cli(String... pairs) {
		Map<String, String> m = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put(pairs[i], pairs[i + 1]);
		}
		return m;
	}

	@Test
	void defaultsServeH2OnLoopbackReadOnly() {
		ServerSettings s = new SettingsLoader(Map.of()).load(null, Map.of());
		assertEquals("127.0.0.1", s.host());
		assertEquals(8080, s.port());
		assertTrue(s.dbUrl().startsWith("jdbc:h2:async:") && s.dbUrl().contains(";WRITE_DELAY=0") && s.dbUrl().contains(";TRACE_LEVEL_FILE=0")
				&& s.dbUrl().endsWith(";DB_CLOSE_ON_EXIT=FALSE"), s.dbUrl());
		assertNull(s.adminToken(), "no token configured means a read-only server");
	}

	@Test
	void eachLayerOverridesTheOneBefore() throws Exception {
		Path file = Files.writeString(dir.resolve("procterm.properties"), "port=9001\nhost=0.0.0.0\nexpansion.max-size=50\n");
		Map<String, String> env = Map.of("PROCTERM_PORT", "9002", "PROCTERM_ADMIN_TOKEN", "secret");
		ServerSettings s = new SettingsLoader(env).load(file, cli("port", "9003"));
		assertEquals(9003, s.port(), "option beats environment");
		assertEquals("0.0.0.0", s.host(), "file beats default");
		assertEquals(50, s.maxExpansionSize());
		assertEquals("secret", s.adminToken(), "environment beats default");
		assertEquals(9002, new SettingsLoader(env).load(file, Map.of()).port(), "environment beats file");
	}

	@Test
	void aPostgresUrlSelectsPostgres() {
		ServerSettings s = new SettingsLoader(Map.of("PROCTERM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/procterm")).load(null, Map.of());
		assertTrue(s.isPostgres());
	}

	@Test
	void unknownKeysAndMalformedValuesStopTheStartWithTheirName() throws Exception {
		Path typo = Files.writeString(dir.resolve("typo.properties"), "prot=9000\n");
		var unknown = assertThrows(SettingsLoader.SettingsException.class, () -> new SettingsLoader(Map.of()).load(typo, Map.of()));
		assertTrue(unknown.getMessage().contains("Unknown setting 'prot'"), unknown.getMessage());
		var port = assertThrows(SettingsLoader.SettingsException.class,
				() -> new SettingsLoader(Map.of("PROCTERM_PORT", "eighty")).load(null, Map.of()));
		assertTrue(port.getMessage().contains("port must be a whole number"), port.getMessage());
		var flag = assertThrows(SettingsLoader.SettingsException.class,
				() -> new SettingsLoader(Map.of()).load(null, cli("scheduling.enabled", "yes")));
		assertTrue(flag.getMessage().contains("true or false"), flag.getMessage());
	}

	@Test
	void theStoredResourceTypesAreNamedOrAllOfThem() {
		assertEquals(java.util.Set.of("ActivityDefinition"), new SettingsLoader(Map.of()).load(null, Map.of()).resourceTypes(),
				"by default, besides those procterm always serves");
		assertEquals(null, new SettingsLoader(Map.of("PROCTERM_STORE_RESOURCE_TYPES", "*")).load(null, Map.of()).resourceTypes(), "* is every type");
		assertEquals(java.util.Set.of("Patient", "Observation"),
				new SettingsLoader(Map.of("PROCTERM_STORE_RESOURCE_TYPES", "Patient, Observation")).load(null, Map.of()).resourceTypes());
		var bad = assertThrows(SettingsLoader.SettingsException.class,
				() -> new SettingsLoader(Map.of("PROCTERM_STORE_RESOURCE_TYPES", "patient records")).load(null, Map.of()));
		assertTrue(bad.getMessage().contains("store.resource-types"), bad.getMessage());
		var misspelt = assertThrows(SettingsLoader.SettingsException.class,
				() -> new SettingsLoader(Map.of("PROCTERM_STORE_RESOURCE_TYPES", "Questionaire")).load(null, Map.of()));
		assertTrue(misspelt.getMessage().contains("'Questionaire'"), misspelt.getMessage());
	}

	@Test
	void cptIsRestrictedByDefaultAndTheOAuthSettingsGoTogether() {
		LicenceSettings defaults = new SettingsLoader(Map.of()).load(null, Map.of()).licence();
		assertEquals(java.util.Set.of("http://www.ama-assn.org/go/cpt"), defaults.restrictedSystems());
		assertTrue(defaults.tokens().isEmpty() && !defaults.acceptsJwt());
		LicenceSettings tokens = new SettingsLoader(Map.of("PROCTERM_LICENCE_TOKENS", "a, b")).load(null, Map.of()).licence();
		assertEquals(java.util.Set.of("a", "b"), tokens.tokens());
		var half = assertThrows(SettingsLoader.SettingsException.class,
				() -> new SettingsLoader(Map.of()).load(null, cli("licence.jwt-issuer", "https://login.example.test")));
		assertTrue(half.getMessage().contains("set all three, or none"), half.getMessage());
		var notUrl = assertThrows(SettingsLoader.SettingsException.class, () -> new SettingsLoader(Map.of()).load(null,
				cli("licence.jwt-issuer", "https://login.example.test", "licence.jwt-jwks-url", "file:/etc/keys", "licence.jwt-scope", "cpt.read")));
		assertTrue(notUrl.getMessage().contains("must be an https URL"), notUrl.getMessage());
	}
}
