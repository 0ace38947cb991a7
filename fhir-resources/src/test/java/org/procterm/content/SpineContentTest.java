package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.ContentPackage;
import org.procterm.content.fhir.MarkdownText;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.Section;
import org.procterm.content.parse.ContentLoader;

/** The bundled spine set is complete, honest about its review, and written in plain language. */
class SpineContentTest {

	private static final double MAX_GRADE = 8.0;
	/** Fernández-Huerta 60-70 reads as "normal", 70-80 as "fairly easy". */
	private static final double MIN_SPANISH_EASE = 60.0;

	private final List<Procedure> procedures = new ContentLoader().load(Path.of("src/content/procedures"));
	private final MarkdownText markdown = new MarkdownText();

	@Test
	void theSpineSetHoldsTheSevenCodes() {
		assertEquals(List.of("22210", "22212", "22214", "22216", "63185", "63190", "63295"),
				procedures.stream().map(Procedure::code).toList());
	}

	@Test
	void everyCodeHasEveryWrittenSectionInEnglishAndSpanishWithSources() {
		for (Procedure p : procedures) {
			assertFalse(p.facts().sources().isEmpty(), p.code() + " names its sources");
			for (Language l : Language.values()) {
				Set<Section> present = p.text(l).sections().keySet();
				for (Section required : Section.required()) {
					assertTrue(present.contains(required), p.code() + " " + l.tag() + " lacks " + required.title(l));
				}
			}
		}
	}

	@Test
	void theRhizotomyCodesDescribeCuttingNerveRootsNotFreeingPressedNerves() {
		for (String code : List.of("63185", "63190")) {
			Procedure p = procedures.stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
			String en = String.join("\n", p.text(Language.EN).sections().values()).toLowerCase(Locale.ROOT);
			assertTrue(en.contains("rhizotomy") && en.contains("spasticity"), code + " explains rhizotomy for spasticity");
			String purpose = p.text(Language.EN).sections().get(Section.PURPOSE).toLowerCase(Locale.ROOT);
			assertFalse(purpose.contains("herniated") || purpose.contains("stenosis"), code + " is not a decompression: " + purpose);
		}
	}

	@Test
	void noResourceMadeFromAnUnreviewedPageIsActive() {
		List<Resource> resources = ContentPackage.resources(procedures, "0.0.0-test");
		int patientResources = 0;
		for (Resource r : resources) {
			if (r instanceof MetadataResource m && (m.getUrl().contains("/PlanDefinition/") || m.getUrl().contains("/Library/"))) {
				patientResources++;
				String code = m.getUrl().replaceAll(".*/cpt-(\\d+)-.*", "$1");
				Procedure p = procedures.stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
				boolean reviewed = p.texts().values().stream().allMatch(t -> t.review().isReviewed());
				assertEquals(reviewed ? PublicationStatus.ACTIVE : PublicationStatus.DRAFT, m.getStatus(), m.getUrl());
				assertEquals(!reviewed, m.getExperimental(), m.getUrl() + " is experimental until reviewed");
				assertTrue(m.hasDate(), m.getUrl() + " says when it was written");
			}
		}
		assertEquals(2 * procedures.size(), patientResources);
		assertTrue(resources.stream().anyMatch(r -> r instanceof MetadataResource m && m.getUrl().equals(Canonicals.PATIENT_SECTION_SYSTEM)));
	}

	@Test
	void everyEnglishSectionReadsAtGradeEightOrBelowAndEverySpanishSectionReadsEasily() {
		List<String> tooHard = new ArrayList<>();
		System.out.println("Readability per section (English: Flesch-Kincaid grade, worst of two list counts; "
				+ "Spanish: Fernández-Huerta ease, lowest of two)");
		for (Procedure p : procedures) {
			Map<Section, String> en = markdown.plainSections(p.text(Language.EN));
			Map<Section, String> es = markdown.plainSections(p.text(Language.ES));
			for (Section s : en.keySet()) {
				if (en.get(s).isBlank()) {
					continue; // a heading whose text is in its ### parts
				}
				double grade = Readability.worstGrade(en.get(s));
				double ease = Readability.lowestEase(es.get(s));
				System.out.printf(Locale.ROOT, "  %s %-36s EN %4.1f   ES %5.1f%n", p.code(), s.code(), grade, ease);
				if (grade > MAX_GRADE) {
					tooHard.add(String.format(Locale.ROOT, "%s %s: English grade %.1f", p.code(), s.title(Language.EN), grade));
				}
				if (ease < MIN_SPANISH_EASE) {
					tooHard.add(String.format(Locale.ROOT, "%s %s: Spanish ease %.1f", p.code(), s.title(Language.ES), ease));
				}
			}
		}
		assertEquals(List.of(), tooHard, "sections above grade " + MAX_GRADE + " or below ease " + MIN_SPANISH_EASE);
	}
}
