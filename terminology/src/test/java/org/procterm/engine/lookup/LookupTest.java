package org.procterm.engine.lookup;

import org.procterm.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LookupTest {

	private final TerminologyEngine engine = Fixtures.engine();

	private Map<String, String> properties(LookupResult result) {
		return result.properties().stream().collect(Collectors.toMap(LookupResult.Property::code,
				p -> p.value().primitiveValue(), (a, b) -> a + "," + b));
	}

	@Test
	void returnsDisplayDefinitionAndTypedProperties() {
		LookupResult r = engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null));
		assertEquals("Osteotomy of spine, neck", r.display());
		assertEquals("A wedge of a neck vertebra is removed.", r.definition());
		assertEquals("2026", r.version());
		assertEquals("ExampleProcedures", r.name());
		Map<String, String> props = properties(r);
		assertEquals("1", props.get("segments"));
		assertEquals("false", props.get("addOn"));
		assertEquals("SPINE", props.get("parent"));
		assertEquals("false", props.get("inactive"));
	}

	@Test
	void returnsOnlyTheRequestedProperties() {
		LookupResult r = engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, Set.of("region")));
		assertEquals(Map.of("region", "cervical"), properties(r));
		assertTrue(r.designations().isEmpty(), "designations were not asked for");
	}

	@Test
	void hierarchyFromParentPropertyAndNestingAreBothServed() {
		assertEquals("KNEE", properties(engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "20010", null, null))).get("parent"));
		assertEquals("10010,10020", properties(engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "SPINE", null, null))).get("child"));
	}

	@Test
	void displayLanguagePicksTheDesignationInThatLanguage() {
		LookupResult r = engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", "es-MX", null));
		assertEquals("Osteotomía de la columna, cuello", r.display());
	}

	@Test
	void unknownCodeAndUnknownSystemAreNotFound() {
		TerminologyException code = assertThrows(TerminologyException.class,
				() -> engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "99999", null, null)));
		assertEquals(TerminologyException.Problem.NOT_FOUND, code.problem());
		assertTrue(code.getMessage().contains("99999"), code.getMessage());
		TerminologyException system = assertThrows(TerminologyException.class,
				() -> engine.context().lookup(new LookupRequest("http://nowhere.example", null, "1", null, null)));
		assertEquals(TerminologyException.Problem.NOT_FOUND, system.problem());
	}

	@Test
	void unknownVersionNamesTheKnownOnes() {
		TerminologyException e = assertThrows(TerminologyException.class,
				() -> engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, "1999", "10010", null, null)));
		assertTrue(e.getMessage().contains("known versions: 2026"), e.getMessage());
	}

	@Test
	void newestVersionIsServedWhenNoneIsAsked() {
		var older = Fixtures.procedures();
		older.setVersion("2025");
		older.getConceptFirstRep().getConceptFirstRep().setDisplay("Old wording");
		engine.putCodeSystem("CodeSystem/older", older);
		assertEquals("Osteotomy of spine, neck", engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null)).display());
		assertEquals("Old wording", engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, "2025", "10010", null, null)).display());
		engine.remove("CodeSystem/older");
		assertThrows(TerminologyException.class, () -> engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, "2025", "10010", null, null)));
	}

	@Test
	void aDateChoosesTheVersionInEffectOnThatDay() {
		TerminologyEngine dated = Fixtures.datedVersions();
		LookupResult mid2025 = dated.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null, java.time.LocalDate.of(2025, 6, 30)));
		assertEquals("2025", mid2025.version());
		assertEquals("Old wording", mid2025.display());
		assertEquals("2026", dated.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null,
				java.time.LocalDate.of(2026, 1, 1))).version(), "a version is in effect from its first day");
		assertEquals("2026", dated.context().lookup(new LookupRequest(Fixtures.SYSTEM, "2026", "10010", null, null,
				java.time.LocalDate.of(2025, 6, 30))).version(), "a version asked for by name wins over the date");
	}

	@Test
	void aDateBeforeEveryVersionIsNotFoundAndSaysWhenEachVersionStarts() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> Fixtures.datedVersions().context().lookup(
				new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null, java.time.LocalDate.of(2024, 12, 31))));
		assertEquals(TerminologyException.Problem.NOT_FOUND, e.problem());
		assertEquals("No version of CodeSystem " + Fixtures.SYSTEM + " was in effect on 2024-12-31; known versions: "
				+ "2025 (from 2025-01-01) or 2026 (from 2026-01-01)", e.getMessage());
	}

	@Test
	void aDateCannotChooseAmongVersionsThatStateNoDate() {
		LookupResult r = engine.context().lookup(new LookupRequest(Fixtures.SYSTEM, null, "10010", null, null, java.time.LocalDate.of(1990, 1, 1)));
		assertEquals("2026", r.version());
	}

	@Test
	void dateParametersAreReadByDayAtAnyFhirPrecision() {
		assertEquals(java.time.LocalDate.of(2026, 1, 1), EffectiveDates.day("2026"));
		assertEquals(java.time.LocalDate.of(2026, 3, 1), EffectiveDates.day("2026-03"));
		assertEquals(java.time.LocalDate.of(2026, 3, 15), EffectiveDates.day("2026-03-15T23:30:00-05:00"));
		TerminologyException e = assertThrows(TerminologyException.class, () -> EffectiveDates.day("15/03/2026"));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
	}
}
