package org.procterm.content.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.content.Progress;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.engine.Access;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.EngineLimits;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.LicensedContent;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.LookupResult;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.ValidationResult;

/**
 * A licensed CPT release over the engine as the two kinds of client see it: a licensed one gets AMA's
 * descriptors, a public one only codes, properties and procterm's own names, with a note why.
 */
class LicensedReleaseTest {

	private static final String FIXTURE_22210 = "Fixture long: reshape one neck spine bone from behind";
	private static final LicensedContent CPT_RESTRICTED = new LicensedContent(Set.of(Canonicals.CPT),
			Set.of(CptVocabulary.PATIENT_NAME_USE.getSystem() + "|" + CptVocabulary.PATIENT_NAME_USE.getCode()));

	private static TerminologyEngine engineWithRelease(LicensedContent licence) {
		CodeSystem layer = new CodeSystem().setUrl(Canonicals.CPT);
		var neck = layer.addConcept().setCode("22210").setDisplay("sample descriptor");
		neck.addDesignation().setLanguage("en").setUse(CptVocabulary.CONSUMER_USE.copy()).setValue("Neck bone reshaping");
		neck.addDesignation().setLanguage("es").setUse(CptVocabulary.CONSUMER_USE.copy()).setValue("Remodelado de hueso del cuello");
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(1000, Duration.ofSeconds(10)), licence);
		engine.putCodeSystem("cpt-2026", CptReleaseCodeSystem.build(AmaReleaseReader.read(Releases.fixture("2026"), "2026", Progress.NONE), layer));
		return engine;
	}

	private static LookupResult lookup(TerminologyEngine engine, Access access, String code) {
		return engine.context(access).lookup(new LookupRequest(Canonicals.CPT, null, code, null, Set.of("designation")));
	}

	@Test
	void aLicensedClientSeesAmasDescriptorsAndOurNames() {
		LookupResult r = lookup(engineWithRelease(CPT_RESTRICTED), Access.LICENSED, "22210");
		assertEquals(FIXTURE_22210, r.display());
		assertTrue(r.designations().stream().anyMatch(d -> d.use() != null && d.use().getCode().equals("short")));
		assertTrue(r.designations().stream().anyMatch(d -> d.value().equals("Neck bone reshaping")));
		assertNull(r.notice());
	}

	@Test
	void aPublicClientSeesOurNameAsTheDisplayAndNoAmaText() {
		LookupResult r = lookup(engineWithRelease(CPT_RESTRICTED), Access.PUBLIC, "22210");
		assertEquals("Neck bone reshaping", r.display());
		assertEquals(List.of("Neck bone reshaping", "Remodelado de hueso del cuello"),
				r.designations().stream().map(d -> d.value()).filter(v -> !v.startsWith("Fixture")).distinct().toList());
		assertFalse(r.designations().stream().anyMatch(d -> d.value().startsWith("Fixture") || d.value().startsWith("FIXTURE")),
				"no AMA designation: " + r.designations());
		assertTrue(r.notice().contains("licensed content"), r.notice());
	}

	@Test
	void aCodeWithoutOurNameShowsAPlaceholderThatNamesTheCode() {
		TerminologyEngine engine = engineWithRelease(CPT_RESTRICTED);
		assertEquals("CPT code 63185 (its descriptor is licensed content, shown only to licensed clients)",
				lookup(engine, Access.PUBLIC, "63185").display());
		assertFalse(lookup(engine, Access.PUBLIC, "59").display().contains("Fixture"), "modifiers are AMA texts too");
	}

	@Test
	void aPublicExpansionCarriesNoAmaTextAndSaysWhy() {
		TerminologyEngine engine = engineWithRelease(CPT_RESTRICTED);
		ValueSet all = new ValueSet().setUrl("http://example.org/vs/all-cpt");
		all.getCompose().addInclude().setSystem(Canonicals.CPT);
		ValueSet expanded = engine.context(Access.PUBLIC).expand(all, ExpansionRequest.builder().includeDesignations(true).build());
		String text = expanded.getExpansion().getContains().toString() + expanded.getExpansion().getContains().stream()
				.map(c -> c.getDisplay() + c.getDesignation().stream().map(d -> d.getValue()).toList()).toList();
		assertFalse(text.contains("Fixture") || text.contains("FIXTURE"), text);
		assertTrue(expanded.getExpansion().getParameter().stream().anyMatch(p -> p.getName().equals("warning-withheld")));
		// typeahead finds codes by our names, not by AMA's words nor by the placeholder's
		assertEquals(0, engine.context(Access.PUBLIC).expand(all, ExpansionRequest.builder().filter("licensed").build()).getExpansion().getTotal());
		assertEquals(List.of("22210"), engine.context(Access.PUBLIC).expand(all, ExpansionRequest.builder().filter("neck").build())
				.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode).toList());
		assertEquals(FIXTURE_22210, engine.context(Access.LICENSED).expand(all, ExpansionRequest.builder().filter("22210").build())
				.getExpansion().getContainsFirstRep().getDisplay());
	}

	@Test
	void aPublicClientsAmaDisplayIsNeitherConfirmedNorFailed() {
		TerminologyEngine engine = engineWithRelease(CPT_RESTRICTED);
		ValidationResult asPublic = engine.context(Access.PUBLIC).validateInCodeSystem(
				List.of(new CodingCheck(Canonicals.CPT, null, "22210", FIXTURE_22210)), ValidationOptions.DEFAULT);
		assertTrue(asPublic.valid(), "the code is valid; the licensed display cannot be checked for this client");
		assertEquals("Neck bone reshaping", asPublic.display());
		ValidationResult wrong = engine.context(Access.PUBLIC).validateInCodeSystem(
				List.of(new CodingCheck(Canonicals.CPT, null, "22210", "Something else")), ValidationOptions.DEFAULT);
		assertTrue(wrong.valid());
		assertTrue(wrong.message().contains("Something else"), wrong.message());
		assertFalse(wrong.message().contains("Fixture"), "the right licensed display is not told: " + wrong.message());
		ValidationResult licensed = engine.context(Access.LICENSED).validateInCodeSystem(
				List.of(new CodingCheck(Canonicals.CPT, null, "22210", FIXTURE_22210)), ValidationOptions.DEFAULT);
		assertTrue(licensed.valid());
		assertNull(licensed.message(), "a licensed client's right display is simply right");
	}

	@Test
	void nothingIsWithheldWhereNoSystemIsRestricted() {
		assertEquals(FIXTURE_22210, lookup(engineWithRelease(LicensedContent.NONE), Access.PUBLIC, "22210").display());
	}

	@Test
	void aVersionThatDeclaresItselfOpenIsServedWhole() {
		CodeSystem sample = new CodeSystem().setUrl(Canonicals.CPT).setVersion("sample");
		sample.getMeta().addTag(LicensedContent.OPEN_TAG_SYSTEM, LicensedContent.OPEN_TAG_CODE, null);
		sample.addConcept().setCode("22210").setDisplay("A sample descriptor");
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(1000, Duration.ofSeconds(10)), CPT_RESTRICTED);
		engine.putCodeSystem("cpt", sample);
		assertEquals("A sample descriptor", lookup(engine, Access.PUBLIC, "22210").display());
	}
}
