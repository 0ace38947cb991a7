package org.procterm.engine.valueset;

import org.procterm.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.engine.valueset.ExpansionWriter;

class ExpandTest {

	private final TerminologyEngine engine = Fixtures.engine();

	/** The expansion as a flat list, as most of these tests read it (nesting has tests of its own). */
	private ValueSet expand(ValueSet vs, String filter, int offset, Integer count) {
		return engine.context().expand(vs, ExpansionRequest.builder().filter(filter).offset(offset).count(count).activeOnly(false)
				.excludeNested(true).build());
	}

	private static List<String> codes(ValueSet expansion) {
		return expansion.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList();
	}

	@Test
	void wholeSystemIncludesEveryConceptWithAbstractAndInactiveMarked() {
		ValueSet out = expand(Fixtures.allProcedures(), null, 0, null);
		assertEquals(7, out.getExpansion().getTotal());
		var spine = out.getExpansion().getContains().get(0);
		assertEquals("SPINE", spine.getCode());
		assertTrue(spine.getAbstract());
		assertTrue(out.getExpansion().getContains().stream().filter(c -> c.getCode().equals("10099")).findFirst().orElseThrow().getInactive());
	}

	@Test
	void filterMatchesWordPrefixesAllWordsRequiredIgnoringCaseAndAccents() {
		assertEquals(List.of("10020", "10021"), codes(expand(Fixtures.allProcedures(), "lamin RHIZ", 0, null)));
		assertEquals(List.of("10021"), codes(expand(Fixtures.allProcedures(), "rhiz segm", 0, null)));
		assertEquals(List.of("10010"), codes(expand(Fixtures.allProcedures(), "osteotomia", 0, null)), "Spanish designation, accent-free");
		assertEquals(List.of(), codes(expand(Fixtures.allProcedures(), "tomy", 0, null)), "inside a word is not a prefix");
	}

	@Test
	void codePrefixRanksFirst() {
		ValueSet out = expand(Fixtures.allProcedures(), "1002", 0, null);
		assertEquals(List.of("10020", "10021"), codes(out));
	}

	@Test
	void countAndOffsetPageWhileTotalCountsAllMatches() {
		ValueSet page = expand(Fixtures.allProcedures(), "spine", 1, 1);
		assertEquals(3, page.getExpansion().getTotal());
		assertEquals(1, page.getExpansion().getOffset());
		assertEquals(1, page.getExpansion().getContains().size());
	}

	@Test
	void isAFilterFollowsTheHierarchyAndPropertyFiltersMatchValues() {
		ValueSet isA = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue("10020"));
		assertEquals(List.of("10020", "10021"), codes(expand(isA, null, 0, null)));
		ValueSet descendants = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("concept").setOp(ValueSet.FilterOperator.DESCENDENTOF).setValue("SPINE"));
		assertEquals(List.of("10010", "10020", "10021"), codes(expand(descendants, null, 0, null)));
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		assertEquals(List.of("10020", "10021"), codes(expand(lumbar, null, 0, null)));
	}

	@Test
	void excludesAndImportsCombine() {
		engine.putValueSet("ValueSet/lumbar", Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM)
				.addFilter().setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar")));
		ValueSet vs = Fixtures.inline(c -> {
			c.addInclude().addValueSet("http://example.org/vs/inline");
			c.addExclude().setSystem(Fixtures.SYSTEM).addConcept().setCode("10021");
		});
		vs.setUrl("http://example.org/vs/importer");
		assertEquals(List.of("10020"), codes(expand(vs, null, 0, null)));
	}

	@Test
	void aContainedValueSetCanBeImportedByItsId() {
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM)
				.addFilter().setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		lumbar.setId("lumbar");
		lumbar.setUrl(null);
		ValueSet outer = Fixtures.inline(c -> c.addInclude().addValueSet("#lumbar"));
		outer.addContained(lumbar);
		assertEquals(List.of("10020", "10021"), codes(expand(outer, null, 0, null)));
	}

	@Test
	void regexMatchesWholeCodesOrPropertyValuesInLinearTime() {
		ValueSet codes = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("code").setOp(ValueSet.FilterOperator.REGEX).setValue("1002[0-9]"));
		assertEquals(List.of("10020", "10021"), codes(expand(codes, null, 0, null)));
		ValueSet region = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.REGEX).setValue("cerv.*"));
		assertEquals(List.of("10010"), codes(expand(region, null, 0, null)));
		ValueSet catastrophic = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("display").setOp(ValueSet.FilterOperator.REGEX).setValue("(a+)+b"));
		assertEquals(0, expand(catastrophic, null, 0, null).getExpansion().getTotal());
		ValueSet invalid = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("code").setOp(ValueSet.FilterOperator.REGEX).setValue("(unclosed"));
		assertEquals(TerminologyException.Problem.INVALID,
				assertThrows(TerminologyException.class, () -> expand(invalid, null, 0, null)).problem());
	}

	@Test
	void codeInAcceptsRangesAsCptSectionsAreWritten() {
		ValueSet range = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("code").setOp(ValueSet.FilterOperator.IN).setValue("10015-10020, 20010"));
		assertEquals(List.of("10020", "20010"), codes(expand(range, null, 0, null)));
		ValueSet outside = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("code").setOp(ValueSet.FilterOperator.NOTIN).setValue("10000-19999"));
		assertEquals(List.of("SPINE", "20010", "KNEE"), codes(expand(outside, null, 0, null)));
	}

	@Test
	void activeOnlyDropsInactiveCodes() {
		ValueSet out = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).filter("retired").offset(0).activeOnly(true).build());
		assertEquals(0, out.getExpansion().getTotal());
	}

	@Test
	void aValueSetThatSaysInactiveFalseHoldsActiveCodesOnlyForExpansionAndValidation() {
		ValueSet activeOnly = Fixtures.inline(c -> c.setInactive(false).addInclude().setSystem(Fixtures.SYSTEM));
		assertEquals(6, expand(activeOnly, null, 0, null).getExpansion().getTotal());
		assertTrue(!engine.context().validateInValueSet(activeOnly, List.of(new CodingCheck(Fixtures.SYSTEM, null, "10099", null)),
				ValidationOptions.DEFAULT).valid(), "the retired code is not in this value set");
	}

	/** Two versions of the procedures: 2025, and 2026 with one code more (10030). */
	private static TerminologyEngine twoVersions() {
		TerminologyEngine engine = Fixtures.engine();
		org.hl7.fhir.r4.model.CodeSystem older = Fixtures.procedures();
		older.setVersion("2025");
		engine.putCodeSystem("CodeSystem/older", older);
		org.hl7.fhir.r4.model.CodeSystem newer = Fixtures.procedures();
		newer.addConcept().setCode("10030").setDisplay("New spine procedure");
		engine.putCodeSystem("CodeSystem/procedures", newer);
		return engine;
	}

	private static List<String> versionedCodes(ValueSet expansion) {
		return expansion.getExpansion().getContains().stream().map(c -> c.getVersion() + "#" + c.getCode()).sorted().toList();
	}

	@Test
	void aValueSetOfTwoVersionsListsACodeOnceForEachVersion() {
		ValueSet both = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025");
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026");
		});
		ValueSet out = twoVersions().context().expand(both, ExpansionRequest.all());
		assertEquals(15, out.getExpansion().getTotal(), "7 codes of 2025 and 8 of 2026");
		assertTrue(versionedCodes(out).containsAll(List.of("2025#10010", "2026#10010", "2026#10030")));
		assertEquals(List.of(Fixtures.SYSTEM + "|2026", Fixtures.SYSTEM + "|2025"), parameters(out, "used-codesystem"));
		assertEquals(List.of("2026", "2025"), out.getExpansion().getContains().stream().filter(c -> c.getCode().equals("10010"))
				.map(ValueSet.ValueSetExpansionContainsComponent::getVersion).toList(), "the newest version's code first");
	}

	@Test
	void excludingOneVersionFromAnotherLeavesTheCodesNewInIt() {
		ValueSet difference = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026");
			c.addExclude().setSystem(Fixtures.SYSTEM).setVersion("2025");
		});
		ValueSet out = twoVersions().context().expand(difference, ExpansionRequest.all());
		assertEquals(List.of("2026#10030"), versionedCodes(out));
		assertEquals(List.of("true"), parameters(out, "versionsMatch"), "the codes were matched across versions, and it says so");
		assertEquals(List.of(Fixtures.SYSTEM + "|2026", Fixtures.SYSTEM + "|2025"), parameters(out, "used-codesystem"),
				"the version excluded was used too");

		org.hl7.fhir.r4.model.Extension parameter = difference.getCompose().addExtension()
				.setUrl("http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter");
		parameter.addExtension("name", new org.hl7.fhir.r4.model.CodeType("versionsMatch"));
		parameter.addExtension("value", new org.hl7.fhir.r4.model.StringType("false"));
		ValueSet versionByVersion = twoVersions().context().expand(difference, ExpansionRequest.all());
		assertEquals(8, versionByVersion.getExpansion().getTotal(), "with versionsMatch=false, 2025's codes are not 2026's");
		assertEquals(List.of(), parameters(versionByVersion, "versionsMatch"));
	}

	@Test
	void aPropertyWithFhirsNotSelectableUriMarksCodesAbstractWhateverItsCode() {
		org.hl7.fhir.r4.model.CodeSystem renamed = Fixtures.procedures();
		renamed.addProperty().setCode("not-selectable").setUri("http://hl7.org/fhir/concept-properties#notSelectable")
				.setType(org.hl7.fhir.r4.model.CodeSystem.PropertyType.BOOLEAN);
		renamed.addConcept().setCode("GROUP").setDisplay("A grouping").addProperty().setCode("not-selectable")
				.setValue(new org.hl7.fhir.r4.model.BooleanType(true));
		engine.putCodeSystem("CodeSystem/procedures", renamed);
		ValueSet out = expand(Fixtures.allProcedures(), null, 0, null);
		assertTrue(out.getExpansion().getContains().stream().filter(c -> c.getCode().equals("GROUP")).findFirst().orElseThrow().getAbstract());
	}

	@Test
	void aFilterMatchingNothingStillNamesTheCodeSystemItUsed() {
		ValueSet none = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter().setProperty("region")
				.setOp(ValueSet.FilterOperator.EQUAL).setValue("nowhere"));
		ValueSet out = engine.context().expand(none, ExpansionRequest.all());
		assertEquals(0, out.getExpansion().getTotal());
		assertEquals(List.of(Fixtures.SYSTEM + "|2026"), parameters(out, "used-codesystem"));
	}

	@Test
	void defaultValueSetVersionChoosesTheVersionOfAnImportThatNamesNone() {
		ValueSet knee1 = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addConcept().setCode("20010"));
		knee1.setUrl("http://example.org/vs/knee").setVersion("1");
		ValueSet knee2 = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addConcept().setCode("KNEE"));
		knee2.setUrl("http://example.org/vs/knee").setVersion("2");
		engine.putValueSet("ValueSet/knee1", knee1);
		engine.putValueSet("ValueSet/knee2", knee2);
		ValueSet importer = Fixtures.inline(c -> c.addInclude().addValueSet("http://example.org/vs/knee"));
		assertEquals(List.of("KNEE"), codes(engine.context().expand(importer, ExpansionRequest.all())), "the latest, unless told");
		VersionRules pinned = VersionRules.NONE.withValueSetVersions(List.of("http://example.org/vs/knee|1"));
		ValueSet out = engine.context().expand(importer, ExpansionRequest.builder().excludeNested(true).versions(pinned).build());
		assertEquals(List.of("20010"), codes(out));
		assertEquals(List.of("http://example.org/vs/knee|1"), parameters(out, "default-valueset-version"));
		VersionRules missing = VersionRules.NONE.withValueSetVersions(List.of("http://example.org/vs/knee|3"));
		TerminologyException e = assertThrows(TerminologyException.class,
				() -> engine.context().expand(importer, ExpansionRequest.builder().excludeNested(true).versions(missing).build()));
		assertEquals(TerminologyException.Problem.NOT_FOUND, e.problem());
		assertEquals("Unable to find included value set 'http://example.org/vs/knee' version '3'", e.getMessage());
		assertEquals("VS_EXP_IMPORT_UNK_PINNED", e.messageId());
	}

	@Test
	void howToShowACodeAndADesignationsIdsAreRepeatedInTheExpansionButOtherExtensionsAreNot() {
		org.hl7.fhir.r4.model.CodeSystem shown = Fixtures.procedures();
		var knee = shown.getConcept().stream().filter(c -> c.getCode().equals("KNEE")).findFirst().orElseThrow();
		knee.addExtension("http://hl7.org/fhir/StructureDefinition/rendering-style", new org.hl7.fhir.r4.model.StringType("font-weight: bold"));
		knee.addExtension("http://example.org/private-note", new org.hl7.fhir.r4.model.StringType("not for clients"));
		knee.addDesignation().setLanguage("de").setValue("Kniechirurgie")
				.addExtension("http://hl7.org/fhir/StructureDefinition/coding-sctdescid", new org.hl7.fhir.r4.model.IdType("12345"));
		engine.putCodeSystem("CodeSystem/procedures", shown);
		ValueSet out = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).includeDesignations(true).build());
		var written = out.getExpansion().getContains().stream().filter(c -> c.getCode().equals("KNEE")).findFirst().orElseThrow();
		assertEquals(List.of("http://hl7.org/fhir/StructureDefinition/rendering-style"), written.getExtension().stream().map(e -> e.getUrl()).toList());
		assertEquals("12345", written.getDesignation().stream().filter(d -> "de".equals(d.getLanguage())).findFirst().orElseThrow()
				.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/coding-sctdescid").getValue().primitiveValue());
	}

	@Test
	void anExcludeNamingNoVersionRemovesTheCodeWhateverVersionWasIncluded() {
		ValueSet older = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025");
			c.addExclude().setSystem(Fixtures.SYSTEM).addConcept().setCode("10010");
		});
		ValueSet out = twoVersions().context().expand(older, ExpansionRequest.all());
		assertFalse(codes(out).contains("10010"), "the exclude takes the latest version, but names no version: 10010 goes");
		assertEquals(6, out.getExpansion().getTotal());
	}

	@Test
	void includesOfOneSystemsVersionsAreTakenNewestFirstInTheirOwnPlaces() {
		TerminologyEngine engine = twoVersions();
		org.hl7.fhir.r4.model.CodeSystem other = new org.hl7.fhir.r4.model.CodeSystem();
		other.setUrl("http://example.org/other").setVersion("1").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setContent(org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.COMPLETE);
		other.addConcept().setCode("X").setDisplay("Other");
		engine.putCodeSystem("CodeSystem/other", other);
		ValueSet interleaved = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2025").addConcept().setCode("10010");
			c.addInclude().setSystem("http://example.org/other").addConcept().setCode("X");
			c.addInclude().setSystem(Fixtures.SYSTEM).setVersion("2026").addConcept().setCode("10010");
		});
		ValueSet out = engine.context().expand(interleaved, ExpansionRequest.all());
		assertEquals(List.of("2026#10010", "1#X", "2025#10010"), out.getExpansion().getContains().stream()
				.map(c -> (c.hasVersion() ? c.getVersion() : "1") + "#" + c.getCode()).toList());
	}

	private static List<String> parameters(ValueSet expansion, String name) {
		return expansion.getExpansion().getParameter().stream().filter(p -> p.getName().equals(name))
				.map(p -> p.getValue().primitiveValue()).toList();
	}

	@Test
	void parametersTheClientSentAreEchoedEvenAtTheirDefaults() {
		ValueSet sent = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(0).count(2).activeOnly(false).build());
		assertEquals(List.of("false"), parameters(sent, "activeOnly"));
		assertEquals(List.of("0"), parameters(sent, "offset"));
		ValueSet notSent = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(null).count(2).build());
		assertEquals(List.of(), parameters(notSent, "activeOnly"));
		assertEquals(List.of(), parameters(notSent, "offset"));
	}

	@Test
	void anEmptyPageStillNamesTheCodeSystemsAndValueSetsTheAnswerRestsOn() {
		engine.putValueSet("ValueSet/lumbar", Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM)
				.addFilter().setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar")));
		ValueSet importer = Fixtures.inline(c -> c.addInclude().addValueSet("http://example.org/vs/inline"));
		importer.setUrl("http://example.org/vs/importer");
		ValueSet none = expand(importer, null, 0, 0);
		assertEquals(0, none.getExpansion().getContains().size());
		assertEquals(List.of(Fixtures.SYSTEM + "|2026"), parameters(none, "used-codesystem"));
		assertEquals(List.of("http://example.org/vs/inline"), parameters(none, "used-valueset"));
	}

	@Test
	void contentNotFitForUseIsFlaggedUnlessTheValueSetUsingItIsNoBetter() {
		org.hl7.fhir.r4.model.CodeSystem draft = Fixtures.procedures();
		draft.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT);
		engine.putCodeSystem("CodeSystem/procedures", draft);
		ValueSet active = Fixtures.allProcedures();
		assertEquals(List.of(Fixtures.SYSTEM + "|2026"), parameters(expand(active, null, 0, null), "warning-draft"));
		ValueSet draftValueSet = Fixtures.allProcedures().setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT);
		assertEquals(List.of(), parameters(expand(draftValueSet, null, 0, null), "warning-draft"),
				"a draft value set of a draft code system says nothing new by calling either draft");
		ValueSet experimental = Fixtures.allProcedures().setExperimental(true);
		assertEquals(List.of(), parameters(expand(experimental, null, 0, null), "warning-experimental"), "a value set is not flagged to itself");
		ValueSet deprecated = Fixtures.allProcedures();
		deprecated.addExtension("http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new org.hl7.fhir.r4.model.CodeType("deprecated"));
		assertEquals(List.of(Fixtures.VS_ALL + "|1"), parameters(expand(deprecated, null, 0, null), "warning-deprecated"),
				"deprecated is told always, whoever uses it");
		ValueSet inGoodStanding = Fixtures.engine().context().expand(Fixtures.allProcedures(), ExpansionRequest.all());
		assertTrue(inGoodStanding.getExpansion().getParameter().stream().noneMatch(p -> p.getName().startsWith("warning-")),
				"content in good standing is not flagged");
	}

	@Test
	void aValueSetWrittenInALanguageShowsItsCodesInThatLanguage() {
		ValueSet spanish = Fixtures.allProcedures();
		spanish.setLanguage("es");
		ValueSet out = expand(spanish, null, 0, null);
		assertEquals(List.of("es"), parameters(out, "displayLanguage"));
		assertEquals("Osteotomía de la columna, cuello", out.getExpansion().getContains().stream()
				.filter(c -> c.getCode().equals("10010")).findFirst().orElseThrow().getDisplay());
	}

	@Test
	void aDisplayLanguageInTheValueSetsExpansionParameterExtensionIsUsedUnlessTheClientAsksForOne() {
		ValueSet spanish = Fixtures.allProcedures();
		org.hl7.fhir.r4.model.Extension parameter = spanish.getCompose()
				.addExtension().setUrl("http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter");
		parameter.addExtension("name", new org.hl7.fhir.r4.model.CodeType("displayLanguage"));
		parameter.addExtension("value", new org.hl7.fhir.r4.model.CodeType("es"));

		ValueSet out = expand(spanish, null, 0, null);
		assertEquals(List.of("es"), parameters(out, "displayLanguage"));
		assertEquals("Osteotomía de la columna, cuello", entry(out, "10010").getDisplay());

		ValueSet asked = engine.context().expand(spanish, ExpansionRequest.builder().excludeNested(true).offset(0).activeOnly(false).build().inLanguage("en"));
		assertEquals("Osteotomy of spine, neck", entry(asked, "10010").getDisplay());
	}

	@Test
	void aLanguageListRefusingOtherLanguagesLeavesCodesWithoutATranslationWithoutADisplay() {
		ValueSet soft = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(0).activeOnly(false).build().inLanguage("es, *"));
		assertEquals("Laminectomy with rhizotomy", entry(soft, "10020").getDisplay(), "any language will do: the code system's own");

		ValueSet hard = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(0).activeOnly(false).build()
				.inLanguage("es, *; q=0"));
		assertEquals("Osteotomía de la columna, cuello", entry(hard, "10010").getDisplay());
		assertFalse(entry(hard, "10020").hasDisplay(), "no Spanish display, and no other language is acceptable");
	}

	@Test
	void aValueSetWithoutAStatusIsExpandedWithStatusUnknown() {
		ValueSet noStatus = Fixtures.allProcedures();
		noStatus.setStatus(null);
		assertEquals(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.UNKNOWN, expand(noStatus, null, 0, null).getStatus());
	}

	@Test
	void aDesignationShownAsTheDisplayIsReplacedInTheListByTheCodeSystemsOwnDisplay() {
		ValueSet out = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(0).includeDesignations(true).activeOnly(false).build().inLanguage("es"));
		var osteotomy = entry(out, "10010");
		assertEquals("Osteotomía de la columna, cuello", osteotomy.getDisplay());
		assertEquals(List.of("Osteotomy of spine, neck"), osteotomy.getDesignation().stream().map(d -> d.getValue()).toList());
		assertEquals("preferredForLanguage", osteotomy.getDesignationFirstRep().getUse().getCode());
		assertTrue(entry(out, "10020").getDesignation().isEmpty(), "a code shown in its own display lists no extra designation");
	}

	@Test
	void excludeNotForUILeavesOutAbstractCodesAndExcludeSystemLeavesOutASystem() {
		ValueSet forValidation = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.all().withExclusions(true, List.of()));
		assertEquals(6, forValidation.getExpansion().getTotal());
		assertTrue(codes(forValidation).stream().noneMatch("SPINE"::equals), "SPINE is a grouping, not selectable");
		assertEquals(List.of("true"), parameters(forValidation, "excludeNotForUI"));
		ValueSet none = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.all().withExclusions(false, List.of(Fixtures.SYSTEM + "|2026")));
		assertEquals(0, none.getExpansion().getTotal());
		assertEquals(List.of(Fixtures.SYSTEM + "|2026"), parameters(none, "exclude-system"));
		ValueSet otherVersion = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.all().withExclusions(false, List.of(Fixtures.SYSTEM + "|2025")));
		assertEquals(7, otherVersion.getExpansion().getTotal(), "only the version named is left out");
	}

	@Test
	void tooLargeExpansionIsTooCostly() {
		TerminologyEngine small = new TerminologyEngine(new EngineLimits(3, java.time.Duration.ofSeconds(10)));
		small.putCodeSystem("CodeSystem/procedures", Fixtures.procedures());
		TerminologyException e = assertThrows(TerminologyException.class,
				() -> small.context().expand(Fixtures.allProcedures(), ExpansionRequest.all()));
		assertEquals(TerminologyException.Problem.TOO_COSTLY, e.problem());
	}

	@Test
	void aLargeValueSetStillPagesAndFiltersWithinTheLimit() {
		TerminologyEngine small = new TerminologyEngine(new EngineLimits(3, java.time.Duration.ofSeconds(10)));
		small.putCodeSystem("CodeSystem/procedures", Fixtures.procedures());
		ValueSet page = small.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(3).count(3).activeOnly(false).build());
		assertEquals(7, page.getExpansion().getTotal());
		assertEquals(3, page.getExpansion().getContains().size());
		assertEquals(2, small.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).filter("lamin").offset(0).activeOnly(false).build())
				.getExpansion().getTotal());
	}

	@Test
	void unknownSystemInComposeIsNotFoundAndAFilterWithoutOperatorIsInvalid() {
		ValueSet unknown = Fixtures.inline(c -> c.addInclude().setSystem("http://nowhere.example"));
		assertEquals(TerminologyException.Problem.NOT_FOUND,
				assertThrows(TerminologyException.class, () -> expand(unknown, null, 0, null)).problem());
		ValueSet noOperator = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("code").setValue("x"));
		TerminologyException e = assertThrows(TerminologyException.class, () -> expand(noOperator, null, 0, null));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
		assertTrue(e.getMessage().contains("needs a property, an op and a value"), e.getMessage());
		ValueSet noValue = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("concept").setOp(ValueSet.FilterOperator.ISA));
		TerminologyException missingValue = assertThrows(TerminologyException.class, () -> expand(noValue, null, 0, null));
		assertEquals("The system " + Fixtures.SYSTEM + " filter with property = concept, op = is-a has no value", missingValue.getMessage());
	}

	private ValueSet expandWithOutputs(boolean includeDefinition, List<String> properties, List<String> designations) {
		return engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).offset(0).activeOnly(false).build()
				.withOutputs(includeDefinition, properties, designations));
	}

	private static ValueSet.ValueSetExpansionContainsComponent entry(ValueSet out, String code) {
		return out.getExpansion().getContains().stream().filter(c -> c.getCode().equals(code)).findFirst().orElseThrow();
	}

	/** code -> value, from the R5 contains.property extensions of one entry. */
	private static java.util.Map<String, String> properties(ValueSet.ValueSetExpansionContainsComponent c) {
		java.util.Map<String, String> found = new java.util.TreeMap<>();
		c.getExtensionsByUrl(ExpansionWriter.CONTAINS_PROPERTY).forEach(e ->
				found.put(e.getExtensionString("code"), e.getExtensionByUrl("value").getValue().primitiveValue()));
		return found;
	}

	@Test
	void propertyReturnsTheNamedValuesWithEachCodeAndDeclaresEachPropertyOnce() {
		ValueSet out = expandWithOutputs(false, List.of("region", "definition", "segments", "parent"), List.of());
		assertEquals(java.util.Map.of("region", "cervical", "definition", "A wedge of a neck vertebra is removed.", "segments", "1",
				"parent", "SPINE"), properties(entry(out, "10010")));
		assertEquals(java.util.Map.of("region", "lumbar", "parent", "10020"), properties(entry(out, "10021")));
		assertEquals(java.util.Map.of(), properties(entry(out, "KNEE")), "a concept without the properties carries none");
		java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
		out.getExpansion().getExtensionsByUrl(ExpansionWriter.EXPANSION_PROPERTY).forEach(e ->
				declared.put(e.getExtensionString("code"), e.getExtensionString("uri")));
		assertEquals("http://example.org/procedures/properties#region", declared.get("region"), "the code system's own URI");
		assertEquals("http://hl7.org/fhir/concept-properties#definition", declared.get("definition"), "FHIR's URI for a standard property");
		assertTrue(declared.containsKey("segments") && declared.get("segments") == null, "declared, with no URI to give");
		assertEquals(4, declared.size());
	}

	@Test
	void withoutPropertyNoPropertiesAreReturned() {
		ValueSet out = expandWithOutputs(false, List.of(), List.of());
		assertTrue(out.getExpansion().getContains().stream().noneMatch(c -> c.hasExtension(ExpansionWriter.CONTAINS_PROPERTY)));
		assertTrue(!out.getExpansion().hasExtension(ExpansionWriter.EXPANSION_PROPERTY));
	}

	@Test
	void includeDefinitionKeepsTheComposeAndSaysSo() {
		assertTrue(!expandWithOutputs(false, List.of(), List.of()).hasCompose(), "by default the expansion stands alone");
		ValueSet out = expandWithOutputs(true, List.of(), List.of());
		assertEquals(Fixtures.SYSTEM, out.getCompose().getIncludeFirstRep().getSystem());
		assertTrue(out.getExpansion().getParameter().stream().anyMatch(p -> p.getName().equals("includeDefinition")));
	}

	@Test
	void designationChoosesDesignationsByLanguageOrByUse() {
		assertEquals(1, entry(expandWithOutputs(false, List.of(), List.of("es")), "10010").getDesignation().size());
		assertEquals(1, entry(expandWithOutputs(false, List.of(), List.of("urn:ietf:bcp:47|es")), "10010").getDesignation().size());
		assertEquals(1, entry(expandWithOutputs(false, List.of(),
				List.of("http://terminology.hl7.org/CodeSystem/designation-usage|consumer")), "10010").getDesignation().size());
		assertEquals(0, entry(expandWithOutputs(false, List.of(), List.of("urn:ietf:bcp:47|fr")), "10010").getDesignation().size());
		assertEquals(0, entry(expandWithOutputs(false, List.of(), List.of("urn:ietf:bcp:47|es-MX")), "10010").getDesignation().size(),
				"a language token names that tag exactly");
		assertEquals(0, entry(expandWithOutputs(false, List.of(), List.of("http://snomed.info/sct|900000000000013009")), "10010")
				.getDesignation().size());
	}

	private static String tree(List<ValueSet.ValueSetExpansionContainsComponent> contains) {
		return contains.stream().map(c -> c.getCode() + (c.hasContains() ? tree(c.getContains()) : ""))
				.collect(java.util.stream.Collectors.joining(" ", "(", ")"));
	}

	@Test
	void excludeNestedFalseNestsCodesUnderTheirParentsAndTotalStillCountsEveryCode() {
		ValueSet out = engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().offset(0).activeOnly(false).excludeNested(false).build());
		// KNEE is the parent of 20010 by property, and comes after it in the code system
		assertEquals("(SPINE(10010 10020(10021)) 10099 KNEE(20010))", tree(out.getExpansion().getContains()));
		assertEquals(7, out.getExpansion().getTotal());
	}

	@Test
	void aCodeWhoseParentIsLeftOutMovesUpAndAPagedOrListedExpansionStaysFlat() {
		ValueSet lumbar = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("region").setOp(ValueSet.FilterOperator.EQUAL).setValue("lumbar"));
		assertEquals("(10020(10021))", tree(engine.context().expand(lumbar, ExpansionRequest.builder().offset(0).activeOnly(false).excludeNested(false).build())
				.getExpansion().getContains()));
		ValueSet below = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter()
				.setProperty("concept").setOp(ValueSet.FilterOperator.DESCENDENTOF).setValue("SPINE"));
		assertEquals("(10010 10020(10021))", tree(engine.context().expand(below, ExpansionRequest.builder().offset(0).activeOnly(false).excludeNested(false).build())
				.getExpansion().getContains()), "SPINE itself is not in the value set");
		assertEquals("(SPINE 10010)", tree(engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().offset(0).count(2).activeOnly(false).excludeNested(false).build())
				.getExpansion().getContains()), "a page is flat");
		ValueSet listed = Fixtures.inline(c -> {
			ValueSet.ConceptSetComponent include = c.addInclude().setSystem(Fixtures.SYSTEM);
			include.addConcept().setCode("10020");
			include.addConcept().setCode("10021");
		});
		assertEquals("(10020 10021)", tree(engine.context().expand(listed, ExpansionRequest.builder().offset(0).activeOnly(false).excludeNested(false).build())
				.getExpansion().getContains()), "a listed value set comes back as listed");
		assertEquals("(SPINE 10010 10020 10021 10099 20010 KNEE)", tree(engine.context().expand(Fixtures.allProcedures(), ExpansionRequest.all())
				.getExpansion().getContains()), "flat when asked (excludeNested=true)");
	}

	@Test
	void unaskedAnExpansionOfOneCodeSystemsHierarchyNestsAndOneCombiningSourcesIsFlat() {
		ExpansionRequest unasked = ExpansionRequest.builder().offset(0).activeOnly(false).build();
		assertEquals("(SPINE(10010 10020(10021)) 10099 KNEE(20010))", tree(engine.context().expand(Fixtures.allProcedures(), unasked)
				.getExpansion().getContains()), "a whole code system is its hierarchy, as HL7's reference expander writes it");
		ValueSet combined = Fixtures.inline(c -> {
			c.addInclude().setSystem(Fixtures.SYSTEM).addFilter().setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue("SPINE");
			c.addInclude().setSystem(Fixtures.SYSTEM).addFilter().setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue("KNEE");
		});
		assertEquals("(SPINE 10010 10020 10021 20010 KNEE)", tree(engine.context().expand(combined, unasked).getExpansion().getContains()),
				"two includes combine sources: flat");
		ValueSet imported = Fixtures.inline(c -> c.addInclude().addValueSet(Fixtures.VS_ALL));
		assertEquals("(SPINE 10010 10020 10021 10099 20010 KNEE)", tree(engine.context().expand(imported, unasked).getExpansion().getContains()),
				"an imported value set is combined: flat");
	}

	@Test
	void aTextFilterNarrowsAFilteredHierarchyButSearchesAWholeCodeSystemFlat() {
		ExpansionRequest lamin = ExpansionRequest.builder().filter("lamin").offset(0).activeOnly(false).build();
		ValueSet spine = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter().setProperty("concept")
				.setOp(ValueSet.FilterOperator.ISA).setValue("SPINE"));
		assertEquals("(10020(10021))", tree(engine.context().expand(spine, lamin).getExpansion().getContains()),
				"an is-a value set searched by text: the matches keep their place in its hierarchy, as HL7's reference server writes it");
		assertEquals("(10020 10021)", tree(engine.context().expand(Fixtures.allProcedures(), lamin).getExpansion().getContains()),
				"a whole code system searched by text: a typeahead's ranked list");
		assertEquals("(10020 10021)", tree(engine.context().expand(spine, ExpansionRequest.builder().filter("lamin").offset(0)
				.activeOnly(false).excludeNested(true).build()).getExpansion().getContains()), "flat when asked");
	}

	@Test
	void aDateExpandsOverTheVersionInEffectThenAndIsReportedBack() {
		ValueSet out = Fixtures.datedVersions().context().expand(Fixtures.allProcedures(), ExpansionRequest.builder().excludeNested(true).filter("10010").offset(0).activeOnly(false).versions(VersionRules.NONE.on(java.time.LocalDate.of(2025, 3, 1))).build());
		assertEquals("Old wording", out.getExpansion().getContainsFirstRep().getDisplay());
		assertEquals(Fixtures.SYSTEM + "|2025", parameter(out, "used-codesystem"));
		assertEquals("2025-03-01", parameter(out, "date"));
	}

	private static String parameter(ValueSet expansion, String name) {
		return expansion.getExpansion().getParameter().stream().filter(p -> p.getName().equals(name))
				.map(p -> p.getValue().primitiveValue()).findFirst().orElse(null);
	}

	/** A value set with one filter, read as a server reads it: R5 operators such as child-of have no R4 enum constant. */
	private static ValueSet filtered(String op, String value) {
		String json = "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/r5-op\",\"status\":\"active\","
				+ "\"compose\":{\"include\":[{\"system\":\"" + Fixtures.SYSTEM + "\",\"filter\":[{\"property\":\"concept\","
				+ "\"op\":\"" + op + "\",\"value\":\"" + value + "\"}]}]}}";
		return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
				.setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false).setErrorOnInvalidValue(false))
				.parseResource(ValueSet.class, json);
	}

	@Test
	void r5ChildOfAndDescendentLeafFiltersWorkOnR4ValueSets() {
		assertEquals(List.of("10010", "10020"), codes(expand(filtered("child-of", "SPINE"), null, 0, null)));
		assertEquals(List.of("10010", "10021"), codes(expand(filtered("descendent-leaf", "SPINE"), null, 0, null)));
		ValueSet converted = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM).addFilter().setProperty("concept").setValue("SPINE")
				.getOpElement().addExtension("http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.compose.include.filter.op",
						new org.hl7.fhir.r4.model.CodeType("child-of")));
		assertEquals(List.of("10010", "10020"), codes(expand(converted, null, 0, null)), "as R5-to-R4 conversion writes child-of");
		TerminologyException e = assertThrows(TerminologyException.class, () -> expand(filtered("sideways-of", "SPINE"), null, 0, null));
		assertEquals(TerminologyException.Problem.NOT_SUPPORTED, e.problem());
		assertTrue(e.getMessage().contains("'sideways-of'"), e.getMessage());
	}
}
