package org.procterm.engine.validation;

import org.procterm.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class ValidateCodeTest {

	private final TerminologyEngine engine = Fixtures.engine();

	private ValidationResult inSystem(String code, String display) {
		return engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, code, display)), ValidationOptions.DEFAULT);
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

	/** The fixture procedures, stating that their displays are in English. */
	private static TerminologyEngine englishProcedures() {
		TerminologyEngine english = new TerminologyEngine(new EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		org.hl7.fhir.r4.model.CodeSystem procedures = Fixtures.procedures();
		procedures.setLanguage("en");
		english.putCodeSystem("CodeSystem/procedures", procedures);
		return english;
	}

	private static ValidationResult inLanguage(TerminologyEngine engine, String code, String display, String displayLanguage) {
		return engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, code, display, "Coding")),
				ValidationOptions.builder().displayLanguage(displayLanguage).build());
	}

	@Test
	void aWrongDisplayListsTheRightOnesWithTheirLanguages() {
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		org.hl7.fhir.r4.model.CodeSystem procedures = Fixtures.procedures();
		procedures.setLanguage("en");
		procedures.getConcept().get(0).getConcept().stream().filter(c -> c.getCode().equals("10010")).findFirst().orElseThrow()
				.addDesignation().setLanguage("fr").setValue("Ostéotomie du rachis cervical"); // no use: a display in French
		engine.putCodeSystem("CodeSystem/procedures", procedures);
		ValidationResult r = inLanguage(engine, "10010", "Neck surgery", null);
		assertFalse(r.valid());
		assertEquals("Wrong Display Name 'Neck surgery' for " + Fixtures.SYSTEM + "#10010. Valid display is one of 2 choices:"
				+ " 'Osteotomy of spine, neck' (en) or 'Ostéotomie du rachis cervical' (fr) (for the language(s) '--')", r.message());
		assertEquals("Coding.display", r.issues().get(0).expression());
	}

	@Test
	void aDesignationWithAnotherUseIsAcceptedButNotProposedAsADisplay() {
		TerminologyEngine english = englishProcedures(); // 10010's Spanish name has the use "consumer"
		assertTrue(inLanguage(english, "10010", "Osteotomía de la columna, cuello", null).valid());
		ValidationResult wrong = inLanguage(english, "10010", "Neck surgery", null);
		assertEquals("Wrong Display Name 'Neck surgery' for " + Fixtures.SYSTEM + "#10010. Valid display is"
				+ " 'Osteotomy of spine, neck' (en) (for the language(s) '--')", wrong.message());
		ValidationResult inSpanish = inLanguage(english, "10010", "Neck surgery", "es");
		assertTrue(inSpanish.message().contains("'Osteotomía de la columna, cuello' (es)"),
				"with no display in the language asked, its other names there are proposed: " + inSpanish.message());
	}

	@Test
	void withADisplayLanguageOnlyDisplaysInThatLanguageAreRight() {
		TerminologyEngine english = englishProcedures();
		ValidationResult spanishAskedForEnglish = inLanguage(english, "10010", "Osteotomía de la columna, cuello", "en");
		assertFalse(spanishAskedForEnglish.valid());
		assertTrue(spanishAskedForEnglish.message().endsWith("Valid display is 'Osteotomy of spine, neck' (en) (for the language(s) 'en')"),
				spanishAskedForEnglish.message());
		ValidationResult spanish = inLanguage(english, "10010", "Osteotomía de la columna, cuello", "de, es;q=0.8");
		assertTrue(spanish.valid());
		assertEquals("Osteotomía de la columna, cuello", spanish.display(), "the display comes back in the first asked language it exists in");
	}

	@Test
	void withLenientDisplayValidationAWrongDisplayWarnsAndTheCodeStaysValid() {
		ValidationResult r = engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Neck surgery")),
				ValidationOptions.builder().lenientDisplay(true).build());
		assertTrue(r.valid());
		assertEquals(ValidationIssue.Severity.WARNING, r.issues().get(0).severity());
		assertEquals("invalid-display", r.issues().get(0).txType().code());
	}

	@Test
	void aDefaultLanguageDisplayIsRightWithANoteWhenNoneIsInTheAskedLanguage() {
		ValidationResult r = inLanguage(englishProcedures(), "10020", "Laminectomy with rhizotomy", "de");
		assertTrue(r.valid());
		assertEquals(ValidationIssue.Severity.INFORMATION, r.issues().get(0).severity());
		assertTrue(r.message().contains("no valid display names found for the code " + Fixtures.SYSTEM + "#10020 for language(s) 'de'"), r.message());
		ValidationResult wrong = inLanguage(englishProcedures(), "10020", "Laminotomie", "de");
		assertFalse(wrong.valid());
		assertTrue(wrong.message().endsWith("There are no valid display names found for language(s) 'de'. Default display is 'Laminectomy with rhizotomy'"),
				wrong.message());
	}

	@Test
	void aDisplayOfUnknownLanguageIsRightInAnyLanguage() {
		// the fixture system does not say what language its displays are in
		assertTrue(inLanguage(engine, "10020", "Laminectomy with rhizotomy", "de").valid());
		assertTrue(inLanguage(engine, "10020", "Laminectomy with rhizotomy", "de").issues().isEmpty());
	}

	@Test
	void aCodeFromADraftCodeSystemIsValidWithANoteThatIsNotPartOfTheMessage() {
		org.hl7.fhir.r4.model.CodeSystem draft = Fixtures.procedures();
		draft.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT);
		engine.putCodeSystem("CodeSystem/procedures", draft);
		ValidationResult r = inSystem("10010", null);
		assertTrue(r.valid());
		assertEquals(List.of("Reference to draft CodeSystem " + Fixtures.SYSTEM + "|2026"), r.issues().stream().map(ValidationIssue::text).toList());
		assertEquals(TxIssueType.STATUS_CHECK, r.issues().get(0).txType());
		assertEquals(null, r.message());
	}

	@Test
	void inactiveCodeIsValidAndSaysSo() {
		ValidationResult r = inSystem("10099", null);
		assertTrue(r.valid());
		assertTrue(r.inactive());
	}

	@Test
	void anInactiveCodingIsFlaggedOnTheCodingAsAWhole() {
		ValidationResult r = engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10099", null, "Coding")),
				ValidationOptions.DEFAULT);
		assertEquals("Coding", r.issues().get(0).expression());
		assertEquals("code", inSystem("10099", null).issues().get(0).expression(), "sent as the code parameter");
	}

	/** The fixture procedures with 10020 deprecated (HL7's standards-status extension) and 10010 retired (a status property). */
	private static TerminologyEngine withStatuses() {
		org.hl7.fhir.r4.model.CodeSystem procedures = Fixtures.procedures();
		var spine = procedures.getConceptFirstRep();
		spine.getConcept().stream().filter(c -> c.getCode().equals("10020")).findFirst().orElseThrow()
				.addExtension(org.procterm.engine.codesystem.CodeSystemIndex.STANDARDS_STATUS, new org.hl7.fhir.r4.model.CodeType("deprecated"));
		spine.getConcept().stream().filter(c -> c.getCode().equals("10010")).findFirst().orElseThrow()
				.addProperty().setCode("status").setValue(new org.hl7.fhir.r4.model.CodeType("retired"));
		TerminologyEngine e = new TerminologyEngine(new EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		e.putCodeSystem("CodeSystem/procedures", procedures);
		return e;
	}

	private static ValidationResult withStatuses(String code) {
		return withStatuses().context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, code, null)), ValidationOptions.DEFAULT);
	}

	@Test
	void aDeprecatedCodeIsValidWithAWarningAndItsStatus() {
		ValidationResult r = withStatuses("10020");
		assertTrue(r.valid());
		assertFalse(r.inactive());
		assertEquals("deprecated", r.status());
		assertEquals("The concept '10020' is deprecated and its use should be reviewed", r.message());
	}

	@Test
	void aRetiredCodeIsInactiveAndTheWarningNamesBothStatuses() {
		ValidationResult r = withStatuses("10010");
		assertTrue(r.valid());
		assertTrue(r.inactive());
		assertEquals("retired", r.status());
		assertEquals("The concept '10010' has a status of retired and inactive and its use should be reviewed", r.message());
	}

	@Test
	void unknownSystemIsInvalidNotAnError() {
		ValidationResult r = engine.context().validateInCodeSystem(List.of(new CodingCheck("http://nowhere.example", null, "1", null)), ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertTrue(r.message().contains("could not be found"), r.message());
		assertEquals("http://nowhere.example", r.unknownSystem());
	}

	@Test
	void valueSetMembershipIsChecked() {
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		assertTrue(engine.context().validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10021", null)), ValidationOptions.DEFAULT).valid());
		ValidationResult outside = engine.context().validateInValueSet(lumbar, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(outside.valid());
		assertTrue(outside.message().contains("was not found in the value set"), outside.message());
	}

	@Test
	void withActiveOnlyAnInactiveCodeIsValidButNotInTheValueSet() {
		ValueSet all = Fixtures.allProcedures();
		CodingCheck retired = new CodingCheck(Fixtures.SYSTEM, null, "10099", null, "Coding");
		assertTrue(engine.context().validateInValueSet(all, List.of(retired), ValidationOptions.DEFAULT).valid());

		ValidationResult r = engine.context().validateInValueSet(all, List.of(retired), ValidationOptions.DEFAULT.inValueSet(true, false));
		assertFalse(r.valid());
		assertEquals(List.of("code-rule", "not-in-vs", "code-comment"), r.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals("The concept '10099' is valid but is not active", r.issues().get(0).text());
	}

	@Test
	void inferSystemTakesTheOneCodeSystemTheValueSetHoldsTheCodeFrom() {
		ValueSet all = Fixtures.allProcedures();
		CodingCheck noSystem = new CodingCheck(null, null, "10010", null);
		assertFalse(engine.context().validateInValueSet(all, List.of(noSystem), ValidationOptions.DEFAULT).valid(), "without inferSystem a system is needed");

		ValidationResult inferred = engine.context().validateInValueSet(all, List.of(noSystem), ValidationOptions.DEFAULT.inValueSet(false, true));
		assertTrue(inferred.valid());
		assertEquals(Fixtures.SYSTEM, inferred.system());

		ValidationResult unknown = engine.context().validateInValueSet(all, List.of(new CodingCheck(null, null, "77777", null)),
				ValidationOptions.DEFAULT.inValueSet(false, true));
		assertFalse(unknown.valid());
		assertEquals(List.of("not-in-vs", "cannot-infer"), unknown.issues().stream().map(i -> i.txType().code()).toList());
	}

	@Test
	void aValueSetPinnedToAVersionNotHeldStillJudgesTheCodingAndNamesTheMissingVersion() {
		ValueSet pinned = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2024"));

		ValidationResult stated = engine.context().validateInValueSet(pinned, List.of(new CodingCheck(Fixtures.SYSTEM, "2026", "10010", null, "Coding")),
				ValidationOptions.DEFAULT);
		assertFalse(stated.valid());
		assertEquals(List.of("vs-invalid", "not-found"), stated.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals(Fixtures.SYSTEM + "|2024", stated.unknownSystem());
		assertEquals("Osteotomy of spine, neck", stated.display(), "the coding is still read in the version it states");
		assertTrue(stated.message().startsWith("A definition for CodeSystem '" + Fixtures.SYSTEM + "' version '2024' could not be found, so the code"
				+ " cannot be validated. Valid versions: 2026; The code system"), "issues in alphabetical order: " + stated.message());

		ValidationResult versionless = engine.context().validateInValueSet(pinned, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null, "Coding")),
				ValidationOptions.DEFAULT);
		assertEquals(List.of("not-found"), versionless.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals("Coding.system", versionless.issues().get(0).expression());
		assertEquals("2026", versionless.version());
	}

	@Test
	void displaysAreJudgedInTheLanguageTheValueSetIsShownIn() {
		ValueSet spanish = Fixtures.allProcedures();
		spanish.setLanguage("es");
		TerminologyEngine english = englishProcedures();
		assertFalse(english.context().validateInValueSet(spanish, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Osteotomy of spine, neck")),
				ValidationOptions.DEFAULT).valid(), "the English display is not the Spanish one");
		assertTrue(english.context().validateInValueSet(spanish, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Osteotomía de la columna, cuello")),
				ValidationOptions.DEFAULT).valid());
		assertTrue(english.context().validateInValueSet(spanish, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Osteotomy of spine, neck")),
				ValidationOptions.DEFAULT.inLanguage("en")).valid(), "a language the client names wins");
	}

	@Test
	void aConceptWithNoCodingInTheValueSetIsAnsweredAsAConcept() {
		ValueSet all = Fixtures.allProcedures();
		ValidationResult r = engine.context().validateInValueSet(all, List.of(new CodingCheck(Fixtures.SYSTEM, null, "77777", null, "CodeableConcept.coding[0]")),
				ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals(List.of("not-in-vs", "invalid-code", "this-code-not-in-vs"), r.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals("No valid coding was found for the value set '" + Canonical.of(all) + "'", r.issues().get(0).text());
		assertEquals(ValidationIssue.Severity.INFORMATION, r.issues().get(2).severity(), "that one coding is not in it is a note");
		assertEquals(null, r.code(), "no coding was accepted, so none is answered");

		ValidationResult oneGood = engine.context().validateInValueSet(all, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null, "CodeableConcept.coding[0]"),
				new CodingCheck("http://nowhere.example", null, "1", null, "CodeableConcept.coding[1]")), ValidationOptions.DEFAULT);
		assertTrue(oneGood.valid(), "a coding of a code system not held cannot be judged, so it does not spoil the one in the value set");
		assertEquals("10010", oneGood.code());
		assertTrue(oneGood.issues().stream().noneMatch(ValidationIssue::isError), oneGood.issues().toString());
	}

	@Test
	void aConceptCarryingAnUnknownCodeIsInvalidEvenWithAnotherCodingInTheValueSet() {
		ValueSet all = Fixtures.allProcedures();
		ValidationResult r = engine.context().validateInValueSet(all, List.of(new CodingCheck(Fixtures.SYSTEM, null, "77777", null, "CodeableConcept.coding[0]"),
				new CodingCheck(Fixtures.SYSTEM, null, "10010", null, "CodeableConcept.coding[1]")), ValidationOptions.DEFAULT);
		assertFalse(r.valid(), "a concept must not carry a code its code system does not have");
		assertEquals("10010", r.code(), "the coding in the value set answers");
		assertEquals(List.of("invalid-code", "this-code-not-in-vs"), r.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals(ValidationIssue.Severity.ERROR, r.issues().get(0).severity());
		assertEquals("Unknown_Code_in_Version", r.issues().get(0).messageId(), "named by HL7's key for the message");
		assertEquals(ValidationIssue.Severity.INFORMATION, r.issues().get(1).severity());
	}

	@Test
	void aValueSetOverACodeSystemNotHeldSaysTheCodeCannotBeValidated() {
		ValueSet elsewhere = Fixtures.inline(c -> c.addInclude().setSystem("http://nowhere.example"));
		ValidationResult r = engine.context().validateInValueSet(elsewhere, List.of(new CodingCheck("http://nowhere.example", null, "1", null)),
				ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals("A definition for CodeSystem 'http://nowhere.example' could not be found, so the code cannot be validated", r.message());
		assertEquals("system", r.issues().get(0).expression());
		assertEquals("http://nowhere.example", r.unknownSystem());
		assertFalse(r.unknownOutsideValueSet(), "the value set needs it: the answer is caused by it");
	}

	@Test
	void aValueSetWithAMissingImportValidatesNothingButIsNotAnError() {
		ValueSet broken = Fixtures.inline(c -> c.addInclude().addValueSet("http://example.org/vs/missing"));
		ValidationResult r = engine.context().validateInValueSet(broken, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals("not-found", r.issues().get(0).txType().code());
		assertTrue(r.message().contains("http://example.org/vs/missing"), r.message());
	}

	@Test
	void codeableConceptIsValidWhenAnyCodingIs() {
		ValidationResult r = engine.context().validateInCodeSystem(List.of(
				new CodingCheck(Fixtures.SYSTEM, null, "nope", null),
				new CodingCheck(Fixtures.SYSTEM, null, "10020", null)), ValidationOptions.DEFAULT);
		assertTrue(r.valid());
		assertEquals("10020", r.code());
	}

	@Test
	void anAbstractCodeIsValidUnlessTheClientSaysAbstractCodesAreNotAllowed() {
		List<CodingCheck> spine = List.of(new CodingCheck(Fixtures.SYSTEM, null, "SPINE", null));
		assertTrue(engine.context().validateInCodeSystem(spine, ValidationOptions.DEFAULT).valid());
		ValidationResult strict = engine.context().validateInCodeSystem(spine, ValidationOptions.builder().abstractAllowed(false).build());
		assertFalse(strict.valid());
		assertEquals("code-rule", strict.issues().get(0).txType().code());
		assertTrue(strict.issues().get(0).text().contains("abstract"), strict.issues().get(0).text());
		assertTrue(engine.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)),
				ValidationOptions.builder().abstractAllowed(false).build()).valid(), "a concrete code stays valid");
		assertFalse(engine.context().validateInValueSet(Fixtures.allProcedures(), spine, ValidationOptions.builder().abstractAllowed(false).build()).valid(),
				"in a value set too");
	}

	@Test
	void aDateValidatesAgainstTheVersionInEffectThen() {
		TerminologyEngine dated = Fixtures.datedVersions();
		VersionRules mid2025 = VersionRules.NONE.on(java.time.LocalDate.of(2025, 6, 30));
		ValidationResult r = dated.context().validateInCodeSystem(List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Old wording")),
				ValidationOptions.builder().versions(mid2025).build());
		assertTrue(r.valid());
		assertEquals("2025", r.version());
		ValidationResult before = dated.context().validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)),
				ValidationOptions.builder().versions(VersionRules.NONE.on(java.time.LocalDate.of(2020, 1, 1))).build());
		assertFalse(before.valid());
		assertTrue(before.issues().get(0).text().contains("in effect on 2020-01-01"), before.issues().get(0).text());
	}

	@Test
	void aCodingIsJudgedInTheVersionItsValueSetNames() {
		TerminologyEngine twoVersions = Fixtures.datedVersions();
		ValueSet pinned2025 = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025"));
		ValidationResult unversioned = twoVersions.context().validateInValueSet(pinned2025,
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", null)), ValidationOptions.DEFAULT);
		assertTrue(unversioned.valid());
		assertEquals("2025", unversioned.version());
		assertEquals("Old wording", unversioned.display());

		ValidationResult other = twoVersions.context().validateInValueSet(pinned2025,
				List.of(new CodingCheck(Fixtures.SYSTEM, "2026", "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(other.valid());
		assertEquals("2025", other.version());
		assertEquals("vs-invalid", other.issues().get(0).txType().code());
		assertEquals("The code system '" + Fixtures.SYSTEM + "' version '2025' in the ValueSet include is different to the one in the value ('2026')",
				other.issues().get(0).text());

		ValidationResult unknown = twoVersions.context().validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, "2030", "10010", null)), ValidationOptions.DEFAULT);
		assertFalse(unknown.valid());
		assertEquals(Fixtures.SYSTEM + "|2030", unknown.unknownSystem());
		assertEquals(List.of(ValidationIssue.Severity.ERROR, ValidationIssue.Severity.WARNING),
				unknown.issues().stream().map(ValidationIssue::severity).toList(), "unknown version, then the versionless include's latest");
		assertTrue(unknown.issues().get(0).text().endsWith("Valid versions: 2025 or 2026"), unknown.issues().get(0).text());
	}
	@Test
	void aCodingNamingNoVersionIsRightIfRightInAnyVersionTheValueSetHoldsItIn() {
		TerminologyEngine dated = Fixtures.datedVersions(); // 10010 reads "Old wording" in 2025
		ValueSet both = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025");
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026");
		});
		ValidationResult current = dated.context().validateInValueSet(both,
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Osteotomy of spine, neck")), ValidationOptions.DEFAULT);
		assertTrue(current.valid());
		assertEquals("2026", current.version(), "the newest version holding it answers");
		ValidationResult older = dated.context().validateInValueSet(both,
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "Old wording")), ValidationOptions.DEFAULT);
		assertTrue(older.valid(), older.issues().toString());
		assertEquals("2025", older.version(), "right in 2025's wording, so 2025 answers");
		ValidationResult neither = dated.context().validateInValueSet(both,
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "10010", "No such wording")), ValidationOptions.DEFAULT);
		assertFalse(neither.valid());
		assertEquals("2026", neither.version(), "wrong in every version: the newest says why");
	}
	@Test
	void anAbstractCodeRefusedByAbstractFalseIsNotAMemberOfTheValueSetEither() {
		ValidationResult r = engine.context().validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "SPINE", null)), ValidationOptions.builder().abstractAllowed(false).build());
		assertFalse(r.valid());
		assertEquals(List.of("not-in-vs", "code-rule"), r.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals("Code 'http://example.org/procedures#SPINE' is abstract, and not allowed in this context", r.issues().get(1).text());
		assertTrue(engine.context().validateInValueSet(Fixtures.allProcedures(),
				List.of(new CodingCheck(Fixtures.SYSTEM, null, "SPINE", null)), ValidationOptions.DEFAULT).valid(), "abstract codes are allowed unless refused");
	}
	@Test
	void aDisplayItsCodeSystemHasWithdrawnIsAcceptedWithAWarningNamingTheRightOne() {
		org.hl7.fhir.r4.model.CodeSystem withdrawn = Fixtures.procedures();
		withdrawn.getConcept().stream().filter(c -> c.getCode().equals("KNEE")).findFirst().orElseThrow()
				.addDesignation().setValue("Knee operations").addExtension("http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status",
						new org.hl7.fhir.r4.model.CodeType("withdrawn"));
		engine.putCodeSystem("CodeSystem/procedures", withdrawn);
		ValidationResult r = inSystem("KNEE", "Knee operations");
		assertTrue(r.valid(), "still this code's display, only no longer the one to use");
		assertEquals(ValidationIssue.Severity.WARNING, r.issues().get(0).severity());
		assertEquals("display-comment", r.issues().get(0).txType().code());
		assertEquals("'Knee operations' is no longer considered a correct display for code 'KNEE' (status = deprecated)."
				+ " The correct display is one of \"Knee surgery\".", r.issues().get(0).text());
		ValidationResult wrong = inSystem("KNEE", "Hip surgery");
		assertTrue(wrong.issues().get(0).text().contains("Valid display is 'Knee surgery'"), "a withdrawn display is not offered as a valid one: "
				+ wrong.issues().get(0).text());
	}
	@Test
	void aCodingOfAnUnknownSystemTheValueSetIncludesIsWhatTheAnswerIsCausedBy() {
		ValueSet two = Fixtures.inline(c -> {
			c.addInclude().setSystem("http://nowhere.example");
			c.addInclude().setSystem("http://other.example");
		});
		ValidationResult r = engine.context().validateInValueSet(two, List.of(new CodingCheck("http://other.example", null, "1", null)),
				ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals("http://other.example", r.unknownSystem());
		assertFalse(r.unknownOutsideValueSet(), "the value set includes it (x-caused-by-unknown-system)");
	}

	@Test
	void aCodingOfAnotherUnknownSystemIsAnsweredForItsOwnSystem() {
		ValueSet elsewhere = Fixtures.inline(c -> c.addInclude().setSystem("http://nowhere.example"));
		ValidationResult r = engine.context().validateInValueSet(elsewhere, List.of(new CodingCheck("http://other.example", null, "1", null)),
				ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals(List.of("not-in-vs", "not-found"), r.issues().stream().map(i -> i.txType().code()).toList());
		assertEquals("http://other.example", r.unknownSystem(), "the coding's own system is what could not be judged");
		assertTrue(r.unknownOutsideValueSet(), "not a system the value set draws on (x-unknown-system, not x-caused-by-unknown-system)");
	}
}
