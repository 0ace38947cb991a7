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
		return engine.validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, code, display)), null, VersionRules.NONE);
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
		ValidationResult r = engine.validateInCodeSystem(List.of(new CodingCheck("http://nowhere.example", null, "1", null)), null, VersionRules.NONE);
		assertFalse(r.valid());
		assertTrue(r.message().contains("could not be found"), r.message());
		assertEquals("http://nowhere.example", r.unknownSystem());
	}

	@Test
	void valueSetMembershipIsChecked() {
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		assertTrue(engine.validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10021", null)), null, VersionRules.NONE).valid());
		ValidationResult outside = engine.validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), null, VersionRules.NONE);
		assertFalse(outside.valid());
		assertTrue(outside.message().contains("was not found in the value set"), outside.message());
	}

	@Test
	void aValueSetWithAMissingImportValidatesNothingButIsNotAnError() {
		ValueSet broken = Fixtures.inline(c -> c.addInclude().addValueSet("http://example.org/vs/missing"));
		ValidationResult r = engine.validateInValueSet(broken, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), null,
				VersionRules.NONE);
		assertFalse(r.valid());
		assertEquals("not-found", r.issues().get(0).txType());
		assertTrue(r.message().contains("http://example.org/vs/missing"), r.message());
	}

	@Test
	void codeableConceptIsValidWhenAnyCodingIs() {
		ValidationResult r = engine.validateInCodeSystem(List.of(
				new CodingCheck(Fixtures.SYSTEM, null, "nope", null),
				new CodingCheck(Fixtures.SYSTEM, null, "10020", null)), null, VersionRules.NONE);
		assertTrue(r.valid());
		assertEquals("10020", r.code());
	}
}
