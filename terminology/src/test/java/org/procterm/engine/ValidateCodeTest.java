package org.procterm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class ValidateCodeTest {

	private final TerminologyEngine engine = Fixtures.engine();

	private ValidationResult inSystem(String code, String display) {
		return engine.validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, code, display)), ValidationOptions.DEFAULT);
	}

	@Test
	void knownCodeIsValidAndCarriesItsDisplay() {
		ValidationResult r = inSystem("10010", null);
		assertTrue(r.valid());
		assertEquals("Osteotomy of spine, neck", r.display());
	}

	@Test
	void unknownCodeIsInvalidWithAMessage() {
		ValidationResult r = inSystem("77777", null);
		assertFalse(r.valid());
		assertTrue(r.message().contains("Unknown code '77777'"), r.message());
	}

	@Test
	void wrongDisplayIsInvalidButDesignationsAndCaseAreAccepted() {
		ValidationResult wrong = inSystem("10010", "Knee surgery");
		assertFalse(wrong.valid());
		assertEquals("Osteotomy of spine, neck", wrong.display());
		assertTrue(inSystem("10010", "osteotomy of spine, NECK").valid());
		assertTrue(inSystem("10010", "Osteotomía de la columna, cuello").valid());
	}

	@Test
	void inactiveCodeIsValidAndSaysSo() {
		ValidationResult r = inSystem("10099", null);
		assertTrue(r.valid());
		assertTrue(r.inactive());
	}

	@Test
	void unknownSystemIsInvalidNotAnError() {
		ValidationResult r = engine.validateInCodeSystem(List.of(new CodingCheck("http://nowhere.example", null, "1", null)), ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertTrue(r.message().contains("could not be found"), r.message());
		assertEquals("http://nowhere.example", r.unknownSystem());
	}

	@Test
	void valueSetMembershipIsChecked() {
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		assertTrue(engine.validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10021", null)), ValidationOptions.DEFAULT).valid());
		ValidationResult outside = engine.validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(outside.valid());
		assertTrue(outside.message().contains("was not found in the value set"), outside.message());
	}

	@Test
	void aValueSetWithAMissingImportValidatesNothingButIsNotAnError() {
		ValueSet broken = Fixtures.inline(c -> c.addInclude().addValueSet("http://example.org/vs/missing"));
		ValidationResult r = engine.validateInValueSet(broken, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals("not-found", r.issues().get(0).txType());
		assertTrue(r.message().contains("http://example.org/vs/missing"), r.message());
	}

	@Test
	void codeableConceptIsValidWhenAnyCodingIs() {
		ValidationResult r = engine.validateInCodeSystem(List.of(
				new CodingCheck(Fixtures.SYSTEM, null, "nope", null),
				new CodingCheck(Fixtures.SYSTEM, null, "10020", null)), ValidationOptions.DEFAULT);
		assertTrue(r.valid());
		assertEquals("10020", r.code());
	}

	@Test
	void anAbstractCodeIsValidUnlessTheClientSaysAbstractCodesAreNotAllowed() {
		List<CodingCheck> spine = List.of(new CodingCheck(Fixtures.SYSTEM, null, "SPINE", null));
		assertTrue(engine.validateInCodeSystem(spine, ValidationOptions.DEFAULT).valid());
		ValidationResult strict = engine.validateInCodeSystem(spine, new ValidationOptions(null, VersionRules.NONE, false));
		assertFalse(strict.valid());
		assertEquals("code-rule", strict.issues().get(0).txType());
		assertTrue(strict.issues().get(0).text().contains("abstract"), strict.issues().get(0).text());
		assertTrue(engine.validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)),
				new ValidationOptions(null, VersionRules.NONE, false)).valid(), "a concrete code stays valid");
		assertFalse(engine.validateInValueSet(Fixtures.allProcedures(), spine, new ValidationOptions(null, VersionRules.NONE, false)).valid(),
				"in a value set too");
	}

	@Test
	void aDateValidatesAgainstTheVersionInEffectThen() {
		TerminologyEngine dated = Fixtures.datedVersions();
		VersionRules mid2025 = VersionRules.NONE.on(java.time.LocalDate.of(2025, 6, 30));
		ValidationResult r = dated.validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Old wording")),
				new ValidationOptions(null, mid2025, true));
		assertTrue(r.valid());
		assertEquals("2025", r.version());
		ValidationResult before = dated.validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)),
				new ValidationOptions(null, VersionRules.NONE.on(java.time.LocalDate.of(2020, 1, 1)), true));
		assertFalse(before.valid());
		assertTrue(before.issues().get(0).text().contains("in effect on 2020-01-01"), before.issues().get(0).text());
	}

	@Test
	void aCodingIsJudgedInTheVersionItsValueSetNames() {
		TerminologyEngine twoVersions = Fixtures.datedVersions();
		ValueSet pinned2025 = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025"));
		ValidationResult unversioned = twoVersions.validateInValueSet(pinned2025,
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertTrue(unversioned.valid());
		assertEquals("2025", unversioned.version());
		assertEquals("Old wording", unversioned.display());

		ValidationResult other = twoVersions.validateInValueSet(pinned2025,
				List.of(new CodingCheck(Fixtures.SYSTEM, "2026", "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(other.valid());
		assertEquals("2025", other.version());
		assertEquals("vs-invalid", other.issues().get(0).txType());
		assertEquals("The code system '" + Fixtures.SYSTEM + "' version '2025' in the ValueSet include is different to the one in the value ('2026')",
				other.issues().get(0).text());

		ValidationResult unknown = twoVersions.validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, "2030", "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(unknown.valid());
		assertEquals(Fixtures.SYSTEM + "|2030", unknown.unknownSystem());
		assertEquals(List.of(ValidationIssue.Severity.ERROR, ValidationIssue.Severity.WARNING),
				unknown.issues().stream().map(ValidationIssue::severity).toList(), "unknown version, then the versionless include's latest");
		assertTrue(unknown.issues().get(0).text().endsWith("Valid versions: 2025 or 2026"), unknown.issues().get(0).text());
	}
}
