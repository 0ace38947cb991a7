package org.procterm.content.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.procterm.content.Progress;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.Designation;

class CptReleaseCodeSystemTest {

	private static CodeSystemIndex imported(String version, CodeSystem layer) {
		return CodeSystemIndex.of(CptReleaseCodeSystem.build(AmaReleaseReader.read(Releases.fixture(version), version, Progress.NONE), layer));
	}

	/** A patient layer as the bundled sample carries it: our property, a link, names in two languages. */
	private static CodeSystem patientLayer() {
		CodeSystem layer = new CodeSystem().setUrl(Canonicals.CPT);
		layer.addProperty().setCode("bodyRegion").setType(CodeSystem.PropertyType.CODE);
		layer.addProperty().setCode("kind").setType(CodeSystem.PropertyType.CODE);
		for (String code : List.of("22210", "63295")) {
			var c = layer.addConcept().setCode(code).setDisplay("sample descriptor");
			c.addProperty().setCode("bodyRegion").setValue(new CodeType(code.equals("22210") ? "cervical" : "lumbar"));
			c.addProperty().setCode("patientInformation").setValue(new StringType(Canonicals.library(code)));
			c.addProperty().setCode("kind").setValue(new CodeType("code"));
			c.addDesignation().setLanguage("en").setUse(CptVocabulary.CONSUMER_USE.copy()).setValue("our English name " + code);
			c.addDesignation().setLanguage("es").setUse(CptVocabulary.CONSUMER_USE.copy()).setValue("nuestro nombre " + code);
		}
		// our content knows one primary code of the add-on 63295
		var addOn = layer.getConcept().get(1);
		addOn.addProperty().setCode(CptVocabulary.ADD_ON).setValue(new BooleanType(true));
		addOn.addProperty().setCode(CptVocabulary.PRIMARY_CODE).setValue(new CodeType("63185"));
		return layer;
	}

	@Test
	void theLongDescriptorIsTheDisplayAndEveryOtherTextADesignationByUse() {
		Concept c = imported("2026", null).find("22210").orElseThrow();
		assertEquals("Fixture long: reshape one neck spine bone from behind", c.display());
		assertEquals(List.of("upper", "med", "short", "consumer", "clinician", "clinician"),
				c.designations().stream().map(d -> d.use().getCode()).toList());
		assertTrue(c.designations().stream().allMatch(d -> Canonicals.CPT.equals(d.use().getSystem())));
	}

	@Test
	void aReleaseYearIsInEffectFromJanuaryFirst() {
		assertEquals(java.time.LocalDate.of(2026, 1, 1), imported("2026", null).effectiveFrom());
	}

	@Test
	void deletedCodesStayAsInactiveConcepts() {
		CodeSystemIndex cs = imported("2026", null);
		assertTrue(cs.find("0101T").orElseThrow().inactive());
		assertFalse(cs.find("0202T").orElseThrow().inactive());
	}

	@Test
	void modifiersAreConceptsMarkedAsModifiers() {
		Concept mod = imported("2026", null).find("59").orElseThrow();
		assertEquals("true", mod.propertiesNamed("modifier").get(0).value().primitiveValue());
		assertEquals(CptVocabulary.KIND_MODIFIER, mod.propertiesNamed("kind").get(0).value().primitiveValue());
	}

	@Test
	void thePatientLayerIsKeptForTheCodesItCovers() {
		CodeSystemIndex cs = imported("2026", patientLayer());
		Concept neck = cs.find("22210").orElseThrow();
		assertEquals("cervical", neck.propertiesNamed("bodyRegion").get(0).value().primitiveValue());
		assertEquals(Canonicals.library("22210"), neck.propertiesNamed("patientInformation").get(0).value().primitiveValue());
		assertEquals("nuestro nombre 22210", neck.designationIn("es").map(Designation::value).orElseThrow());
		assertEquals(1, neck.propertiesNamed("kind").size(), "AMA's properties are not doubled by the layer's copy");
		// our names stand beside AMA's consumer descriptor, marked as ours, in every language
		assertEquals(List.of("our English name 22210", "nuestro nombre 22210"), neck.designations().stream()
				.filter(d -> CptVocabulary.PATIENT_NAME_USE.getCode().equals(d.use().getCode())).map(Designation::value).toList());
		assertTrue(neck.designations().stream().anyMatch(d -> d.use().getCode().equals("consumer")), "AMA's consumer descriptor is kept");
		assertTrue(cs.find("63295").orElseThrow().designations().stream().anyMatch(d -> d.value().equals("our English name 63295")));
	}

	@Test
	void aReleasesAddOnFileMarksItsAddOnsWithTheirPrimaryCodes() {
		CodeSystem cs = CptReleaseCodeSystem.build(AmaReleaseReader.read(Releases.fixture("2026"), "2026", Progress.NONE), null);
		assertTrue(cs.getProperty().stream().anyMatch(p -> p.getCode().equals(CptVocabulary.PRIMARY_CODE)), "the property is declared");
		Concept addOn = CodeSystemIndex.of(cs).find("22216").orElseThrow();
		assertEquals(List.of("true"), values(addOn, CptVocabulary.ADD_ON));
		assertEquals(List.of("22210", "22212", "22214"), values(addOn, CptVocabulary.PRIMARY_CODE));
		assertEquals(List.of(), values(CodeSystemIndex.of(cs).find("22210").orElseThrow(), CptVocabulary.ADD_ON));
	}

	@Test
	void theReleasesPrimaryCodesReplaceOursAndOursStandWhereItListsNone() {
		Concept listed = imported("2026", patientLayer()).find("63295").orElseThrow();
		assertEquals(List.of("true"), values(listed, CptVocabulary.ADD_ON));
		assertEquals(List.of("63185", "63190"), values(listed, CptVocabulary.PRIMARY_CODE));
		Concept unlisted = imported("2025", patientLayer()).find("63295").orElseThrow(); // 2025 has no add-on file
		assertEquals(List.of("63185"), values(unlisted, CptVocabulary.PRIMARY_CODE));
	}

	private static List<String> values(Concept c, String property) {
		return c.propertiesNamed(property).stream().map(p -> p.value().primitiveValue()).toList();
	}

	@Test
	void theReleaseIsRecordedSoTheSameFilesAreRecognised() {
		CptRelease release = AmaReleaseReader.read(Releases.fixture("2025"), "2025", Progress.NONE);
		CodeSystem cs = CptReleaseCodeSystem.build(release, null);
		assertEquals("cpt-2025", cs.getIdElement().getIdPart());
		assertEquals(release.digest(), cs.getIdentifier().stream()
				.filter(i -> CptReleaseCodeSystem.DIGEST_SYSTEM.equals(i.getSystem())).findFirst().orElseThrow().getValue());
	}
}
