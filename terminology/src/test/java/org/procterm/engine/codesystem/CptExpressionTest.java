package org.procterm.engine.codesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.content.fhir.ValueSetCatalogAccess;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.EngineLimits;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.LookupResult;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.ValidationResult;

/** CPT expressions (code:modifier) as HL7 defines them for CPT: parts, pairing rules, lookup, and THO's value sets. */
class CptExpressionTest {

	private static final String CPT = CptExpression.SYSTEM;

	private static TerminologyContext cpt() {
		CodeSystem cs = new CodeSystem();
		cs.setUrl(CPT).setVersion("2027").setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
		code(cs, "63185", "Laminectomy with rhizotomy; 1 or 2 segments", false);
		code(cs, "0001F", "A Category II code", false);
		code(cs, "00100", "An anesthesia code", false);
		for (String m : List.of("59", "51", "25", "1P", "P1")) {
			code(cs, m, "Modifier " + m, true);
		}
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(1000, Duration.ofSeconds(10)));
		engine.putCodeSystem("CodeSystem/cpt-2027", cs);
		return engine.context();
	}

	private static void code(CodeSystem cs, String code, String display, boolean modifier) {
		var c = cs.addConcept().setCode(code).setDisplay(display);
		c.addProperty().setCode("modifier").setValue(new BooleanType(modifier));
		c.addProperty().setCode("modified").setValue(new BooleanType(false));
	}

	private static ValidationResult validate(String code) {
		return cpt().validateInCodeSystem(List.of(new CodingCheck(CPT, null, code, null)), ValidationOptions.DEFAULT);
	}

	private static void invalid(String code, String naming) {
		ValidationResult r = validate(code);
		assertFalse(r.valid(), code);
		assertEquals("invalid-code", r.issues().get(0).txType().code());
		assertTrue(r.message().contains(naming), r.message());
	}

	@Test
	void aCodeWithAModifierIsValidAndAnswersAsTheCodeItModifies() {
		ValidationResult r = validate("63185:59");
		assertTrue(r.valid(), String.valueOf(r.message()));
		assertEquals("63185:59", r.code());
		assertEquals("Laminectomy with rhizotomy; 1 or 2 segments", r.display());
	}

	@Test
	void eachWrongPartIsNamed() {
		invalid("63185:99999", "the modifier '99999' is not in this CPT release");
		invalid("99999:59", "the code '99999' is not in this CPT release");
		invalid("59:51", "'59' is a modifier, not a code to report");
		invalid("63185:0001F", "'0001F' is a code, not a modifier");
		invalid("63185:59:59", "the modifier '59' is repeated");
		invalid("63185:", "an expression needs a modifier after each ':'");
		invalid(":59", "the code '' is not in this CPT release");
		invalid("63185::59", "an expression needs a modifier after each ':'");
		invalid("63185: 59", "the modifier ' 59' is not in this CPT release");
	}

	@Test
	void aLongExpressionIsRefusedWholeWithOneShortMessage() {
		ValidationResult r = validate("63185" + ":59".repeat(100_000));
		assertFalse(r.valid());
		assertTrue(r.message().contains("an expression may have at most 10 modifiers"), r.message());
		assertTrue(r.message().length() < 1_000, "the answer does not grow with the expression: " + r.message().length());
	}

	@Test
	void thePairingRulesAreKeptAsDataAndEachHolds() {
		invalid("63185:1P", "may be used only with Category II codes");
		assertTrue(validate("0001F:1P").valid(), "a Category II modifier on a Category II code");
		invalid("63185:P1", "may be used only with anesthesia codes");
		assertTrue(validate("00100:P1").valid(), "a physical status modifier on an anesthesia code");
		invalid("0001F:51", "may not be used with Category II codes");
		invalid("63185:25:59", "may not be used together");
	}

	@Test
	void lookupOfAnExpressionGivesTheCodesPropertiesModifiedAndItsModifiers() {
		LookupResult r = cpt().lookup(new LookupRequest(CPT, null, "63185:59", null, Set.of()));
		assertEquals("63185:59", r.code());
		assertTrue(r.properties().stream().anyMatch(p -> p.code().equals("modified") && p.value().primitiveValue().equals("true")));
		assertTrue(r.properties().stream().anyMatch(p -> p.code().equals("modifier") && p.value().primitiveValue().equals("59")
				&& "Modifier 59".equals(p.description())));
		assertTrue(r.properties().stream().noneMatch(p -> p.code().equals("modifier") && p.value() instanceof BooleanType),
				"the code's own modifier=false is not answered beside the modifiers it carries");
		TerminologyException e = assertThrows(TerminologyException.class, () -> cpt().lookup(new LookupRequest(CPT, null, "63185:99999", null, Set.of())));
		assertTrue(e.getMessage().contains("99999"), e.getMessage());
	}

	@Test
	void hl7sCptValueSetsHoldWhatTheySay() {
		TerminologyContext context = cpt();
		ValueSet usable = ValueSetCatalogAccess.tho("cpt-usable");
		ValueSet modifiers = ValueSetCatalogAccess.tho("cpt-modifiers");
		ValueSet all = ValueSetCatalogAccess.tho("cpt-all");
		assertEquals(List.of("63185", "0001F", "00100"), codes(context.expand(usable, ExpansionRequest.all())));
		assertEquals(List.of("59", "51", "25", "1P", "P1"), codes(context.expand(modifiers, ExpansionRequest.all())));
		assertEquals(8, codes(context.expand(all, ExpansionRequest.all())).size());
		assertTrue(context.validateInValueSet(usable, List.of(new CodingCheck(CPT, null, "63185:59", null)), ValidationOptions.DEFAULT).valid(),
				"cpt-usable holds modified expressions");
		assertFalse(context.validateInValueSet(usable, List.of(new CodingCheck(CPT, null, "59", null)), ValidationOptions.DEFAULT).valid());
		assertTrue(context.validateInValueSet(all, List.of(new CodingCheck(CPT, null, "63185:59", null)), ValidationOptions.DEFAULT).valid(),
				"cpt-all holds all of CPT, expressions too");
		assertFalse(context.validateInValueSet(modifiers, List.of(new CodingCheck(CPT, null, "63185:59", null)), ValidationOptions.DEFAULT).valid(),
				"an expression is not a modifier");
	}

	private static List<String> codes(ValueSet expansion) {
		return expansion.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}
}
