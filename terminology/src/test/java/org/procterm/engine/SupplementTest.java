package org.procterm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.engine.valueset.ExpansionWriter;
import org.procterm.engine.codesystem.Designation;

/** Code system supplements: used only when asked for, by useSupplement or by a value set's valueset-supplement extension. */
class SupplementTest {

	static final String GERMAN = "http://example.org/procedures/german";

	private final TerminologyEngine engine = withGermanSupplement();

	/** A supplement of the fixture procedures: a German designation for 10010 and a property the base does not have. */
	static CodeSystem germanSupplement(String supplements) {
		CodeSystem cs = new CodeSystem();
		cs.setUrl(GERMAN);
		cs.setVersion("1.0");
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setContent(CodeSystem.CodeSystemContentMode.SUPPLEMENT);
		cs.setSupplements(supplements);
		cs.addProperty().setCode("patientLeaflet").setUri("http://example.org/properties#leaflet").setType(CodeSystem.PropertyType.STRING);
		CodeSystem.ConceptDefinitionComponent osteo = cs.addConcept().setCode("10010");
		osteo.addDesignation().setLanguage("de").setValue("Osteotomie der Halswirbelsäule");
		osteo.addProperty().setCode("patientLeaflet").setValue(new StringType("leaflet-10010"));
		cs.addConcept().setCode("NOT-IN-BASE").addDesignation().setLanguage("de").setValue("Gibt es nicht");
		return cs;
	}

	private static TerminologyEngine withGermanSupplement() {
		TerminologyEngine engine = Fixtures.engine();
		engine.putCodeSystem("CodeSystem/german", germanSupplement(Fixtures.SYSTEM));
		return engine;
	}

	private static LookupRequest lookup(String code) {
		return new LookupRequest(Fixtures.SYSTEM, null, code, null, Set.of());
	}

	private static ValueSet allWithSupplement(String supplement) {
		ValueSet vs = Fixtures.inline(c -> c.addInclude().setSystem(Fixtures.SYSTEM));
		vs.addExtension(new Extension(TerminologyContext.VALUESET_SUPPLEMENT, new CanonicalType(supplement)));
		return vs;
	}

	@Test
	void aStoredSupplementChangesNothingUntilItIsAskedFor() {
		LookupResult plain = engine.context().lookup(lookup("10010"));
		assertTrue(plain.designations().stream().noneMatch(d -> "de".equals(d.language())));
		assertTrue(plain.properties().stream().noneMatch(p -> p.code().equals("patientLeaflet")));
		assertTrue(plain.usedSupplements().isEmpty());
	}

	@Test
	void useSupplementAddsItsDesignationsAndPropertiesToLookup() {
		LookupResult r = engine.context(List.of(), List.of(), List.of(GERMAN)).lookup(lookup("10010"));
		Designation german = r.designations().stream().filter(d -> "de".equals(d.language())).findFirst().orElseThrow();
		assertEquals("Osteotomie der Halswirbelsäule", german.value());
		assertEquals(GERMAN + "|1.0", german.source());
		assertTrue(r.properties().stream().anyMatch(p -> p.code().equals("patientLeaflet") && p.value().primitiveValue().equals("leaflet-10010")));
		assertEquals(List.of(GERMAN + "|1.0"), r.usedSupplements());
		assertEquals("Osteotomy of spine, neck", r.display(), "a supplement adds designations; it does not change the display");
	}

	@Test
	void aDisplayFromASupplementIsRightOnlyWhenTheSupplementIsUsed() {
		CodingCheck german = new CodingCheck(Fixtures.SYSTEM, null, "10010", "Osteotomie der Halswirbelsäule");
		assertFalse(engine.context().validateInCodeSystem(List.of(german), ValidationOptions.DEFAULT).valid());
		assertTrue(engine.context(List.of(), List.of(), List.of(GERMAN + "|1.0")).validateInCodeSystem(List.of(german), ValidationOptions.DEFAULT).valid());
	}

	@Test
	void aValueSetThatNamesASupplementExpandsWithIt() {
		ExpansionRequest request = ExpansionRequest.all().withOutputs(false, List.of("patientLeaflet"), List.of("de"));
		ValueSet expanded = engine.context().expand(allWithSupplement(GERMAN), request);
		ValueSet.ValueSetExpansionContainsComponent osteo = expanded.getExpansion().getContains().stream()
				.filter(c -> c.getCode().equals("10010")).findFirst().orElseThrow();
		assertEquals("Osteotomie der Halswirbelsäule", osteo.getDesignationFirstRep().getValue());
		assertEquals(GERMAN + "|1.0", expanded.getExpansion().getParameter().stream().filter(p -> p.getName().equals("used-supplement"))
				.findFirst().orElseThrow().getValue().primitiveValue());
		Extension declared = expanded.getExpansion().getExtensionByUrl(ExpansionWriter.EXPANSION_PROPERTY);
		assertEquals("http://example.org/properties#leaflet", declared.getExtensionByUrl("uri").getValue().primitiveValue(),
				"the property's URI is the one the supplement declares");
		assertEquals(7, expanded.getExpansion().getTotal(), "a supplement cannot add codes");
	}

	@Test
	void typeaheadFindsWordsOfASupplementsDesignations() {
		ExpansionRequest typeahead = ExpansionRequest.builder().filter("halswirbel").offset(0).count(10).activeOnly(false).build();
		assertEquals(0, engine.context().expand(Fixtures.allProcedures(), typeahead).getExpansion().getTotal());
		ValueSet found = engine.context(List.of(), List.of(), List.of(GERMAN)).expand(Fixtures.allProcedures(), typeahead);
		assertEquals("10010", found.getExpansion().getContainsFirstRep().getCode());
	}

	@Test
	void aSupplementThatIsNotHeldIsNotFoundWhereverItIsNamed() {
		TerminologyException viaParameter = assertThrows(TerminologyException.class, () -> engine.context(List.of(), List.of(), List.of(GERMAN + "-x")));
		assertEquals(TerminologyException.Problem.NOT_FOUND, viaParameter.problem());
		assertTrue(viaParameter.getMessage().contains("Required supplement not found: " + GERMAN + "-x"), viaParameter.getMessage());
		TerminologyException viaValueSet = assertThrows(TerminologyException.class,
				() -> engine.context().expand(allWithSupplement(GERMAN + "|9.9"), ExpansionRequest.all()));
		assertEquals(TerminologyException.Problem.NOT_FOUND, viaValueSet.problem());
	}

	@Test
	void aCodeSystemThatIsNotASupplementCannotBeUsedAsOne() {
		TerminologyException e = assertThrows(TerminologyException.class, () -> engine.context(List.of(), List.of(), List.of(Fixtures.SYSTEM)));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
		assertTrue(e.getMessage().contains("is not a supplement"), e.getMessage());
	}

	@Test
	void aSupplementIsNotACodeSystemToValidateOrLookUpCodesIn() {
		ValidationResult r = engine.context().validateInCodeSystem(List.of(new CodingCheck(GERMAN, null, "10010", null, "Coding")), ValidationOptions.DEFAULT);
		assertFalse(r.valid());
		assertEquals("CodeSystem " + GERMAN + "|1.0 is a supplement, so can't be used as a value in Coding.system", r.message());
		TerminologyException e = assertThrows(TerminologyException.class, () -> engine.context().lookup(new LookupRequest(GERMAN, null, "10010", null, Set.of())));
		assertEquals(TerminologyException.Problem.INVALID, e.problem());
	}

	@Test
	void aSupplementForOneVersionLeavesTheOthersAlone() {
		TerminologyEngine versions = Fixtures.datedVersions();
		versions.putCodeSystem("CodeSystem/german", germanSupplement(Fixtures.SYSTEM + "|2025"));
		TerminologyService supplemented = versions.context(List.of(), List.of(), List.of(GERMAN));
		LookupResult in2025 = supplemented.lookup(new LookupRequest(Fixtures.SYSTEM, "2025", "10010", null, Set.of()));
		LookupResult in2026 = supplemented.lookup(new LookupRequest(Fixtures.SYSTEM, "2026", "10010", null, Set.of()));
		assertEquals(List.of(GERMAN + "|1.0"), in2025.usedSupplements());
		assertTrue(in2026.usedSupplements().isEmpty());
		assertTrue(in2026.designations().stream().noneMatch(d -> "de".equals(d.language())));
	}
}
