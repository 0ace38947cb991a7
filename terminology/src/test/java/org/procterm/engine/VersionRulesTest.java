package org.procterm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class VersionRulesTest {

	private final TerminologyEngine engine = twoVersions();

	private static TerminologyEngine twoVersions() {
		TerminologyEngine engine = Fixtures.engine();
		CodeSystem older = Fixtures.procedures();
		older.setVersion("2025");
		older.getConceptFirstRep().getConceptFirstRep().setDisplay("Old wording");
		engine.putCodeSystem("CodeSystem/older", older);
		return engine;
	}

	private String displayOf10010(VersionRules rules, ValueSet vs) {
		ValueSet out = engine.context().expand(vs, ExpansionRequest.builder().filter("10010").offset(0).activeOnly(false).versions(rules).build());
		return out.getExpansion().getContainsFirstRep().getDisplay();
	}

	@Test
	void patternsMatchSegmentByWildcard() {
		assertTrue(VersionRules.matches("1.x.x", "1.0.0"));
		assertTrue(VersionRules.matches("1.*", "1.2.0"));
		assertFalse(VersionRules.matches("1.x", "2.0.0"));
		assertTrue(VersionRules.matches("2025", "2025"));
		assertFalse(VersionRules.matches("2025", "2026"));
	}

	@Test
	void systemVersionIsADefaultAndForceSystemVersionOverridesTheValueSet() {
		String sys = Fixtures.SYSTEM;
		ValueSet unpinned = Fixtures.allProcedures();
		assertEquals("Osteotomy of spine, neck", displayOf10010(VersionRules.NONE, unpinned), "latest by default");
		assertEquals("Old wording", displayOf10010(VersionRules.of(List.of(sys + "|2025"), List.of(), List.of()), unpinned));

		ValueSet pinned = Fixtures.allProcedures();
		pinned.getCompose().getIncludeFirstRep().setVersion("2026");
		assertEquals("Osteotomy of spine, neck", displayOf10010(VersionRules.of(List.of(sys + "|2025"), List.of(), List.of()), pinned),
				"a default does not override the value set's own version");
		assertEquals("Old wording", displayOf10010(VersionRules.of(List.of(), List.of(sys + "|2025"), List.of()), pinned));
	}

	@Test
	void checkSystemVersionPicksAMatchingVersionAndRejectsAnyOther() {
		ValidationOptions check2025 = ValidationOptions.builder().versions(VersionRules.of(List.of(), List.of(), List.of(Fixtures.SYSTEM + "|2025"))).build();
		ValidationResult unversioned = engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), check2025);
		assertTrue(unversioned.valid(), "where nothing names a version, the one to be checked for is used");
		assertEquals("2025", unversioned.version());
		ValidationResult other = engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, "2026", "10010", null)), check2025);
		assertFalse(other.valid());
		assertEquals("version-error", other.issues().get(0).txType().code());
		assertEquals("The version '2026' is not allowed for system '" + Fixtures.SYSTEM + "': required to be '2025' by a version-check parameter",
				other.issues().get(0).text());
		ValueSet pinned2026 = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026"));
		TerminologyException e = assertThrows(TerminologyException.class, () -> engine.context().expand(pinned2026,
				ExpansionRequest.builder().offset(0).activeOnly(false).versions(check2025.versions()).build()));
		assertEquals(TerminologyException.Problem.VERSION_REJECTED, e.problem());
	}

	@Test
	void aCheckDoesNotNarrowAValueSetsVersionPatternItRefusesWhatThePatternChose() {
		TerminologyEngine dotted = new TerminologyEngine(new EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		CodeSystem older = Fixtures.procedures().setVersion("1.0.0");
		older.getConceptFirstRep().getConceptFirstRep().setDisplay("Old wording");
		dotted.putCodeSystem("CodeSystem/older", older);
		dotted.putCodeSystem("CodeSystem/newer", Fixtures.procedures().setVersion("1.2.0"));
		ValueSet anyOne = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("1.x"));

		ValueSet newest = dotted.context().expand(anyOne, ExpansionRequest.builder().filter("10010").offset(0).activeOnly(false).build());
		assertEquals("Osteotomy of spine, neck", newest.getExpansion().getContainsFirstRep().getDisplay(), "the pattern takes the newest");
		VersionRules check10 = VersionRules.of(List.of(), List.of(), List.of(Fixtures.SYSTEM + "|1.0.x"));
		TerminologyException e = assertThrows(TerminologyException.class,
				() -> dotted.context().expand(anyOne, ExpansionRequest.builder().filter("10010").offset(0).activeOnly(false).versions(check10).build()));
		assertEquals(TerminologyException.Problem.VERSION_REJECTED, e.problem());
	}

	@Test
	void anExpansionDrawingOnTwoVersionsOfASystemNamesTheVersionOfEachCode() {
		ValueSet mixed = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025").addConcept().setCode("10010");
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026").addConcept().setCode("10020");
		});
		ValueSet out = engine.context().expand(mixed, ExpansionRequest.builder().offset(0).activeOnly(false).build());
		assertEquals(List.of("2026", "2025"), out.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getVersion).toList(),
				"each code names its version, the newest version's include first");

		ValueSet one = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().offset(0).activeOnly(false).build());
		assertFalse(one.getExpansion().getContainsFirstRep().hasVersion(), "one version is named once, in used-codesystem");
	}

	@Test
	void aMismatchAgainstAVersionChosenByAParameterSaysWhichParameterValueItCameFrom() {
		ValidationOptions default2025 = ValidationOptions.builder().versions(VersionRules.of(List.of(Fixtures.SYSTEM + "|2025"), List.of(), List.of())).build();
		ValidationResult r = engine.context().validateInValueSet(Fixtures.allProcedures(), List.of(new CodingCheck(Fixtures.SYSTEM, "2024", "10010", null)),
				default2025);
		assertFalse(r.valid());
		assertTrue(r.issues().stream().anyMatch(i -> i.text().equals("The code system '" + Fixtures.SYSTEM
				+ "' version '2025' resulting from the version '' in the ValueSet include is different to the one in the value ('2024')")),
				r.issues().toString());
	}

	@Test
	void aVersionParameterWithoutAVersionIsAClientMistake() {
		assertThrows(TerminologyException.class, () -> VersionRules.of(List.of(Fixtures.SYSTEM), List.of(), List.of()));
	}
}
