package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.procterm.content.fhir.PatientDocument;
import org.procterm.content.model.Coverage;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.Section;
import org.procterm.content.parse.ContentLoader;

/** The bundled spine set is complete and written in plain language. */
class SpineContentTest {

	private static final double MAX_GRADE = 8.0;
	/** Fernández-Huerta 60-70 reads as "normal", 70-80 as "fairly easy". */
	private static final double MIN_SPANISH_EASE = 60.0;

	private final List<Procedure> procedures = new ContentLoader().load(Path.of("src/content/procedures"));
	private final PatientDocument document = new PatientDocument();

	@Test
	void theSpineSetHoldsTheSevenCodes() {
		assertEquals(List.of("22210", "22212", "22214", "22216", "63185", "63190", "63295"),
				procedures.stream().map(Procedure::code).toList());
	}

	@Test
	void theThreeFullCodesHaveEverySectionInEnglishAndSpanish() {
		for (String code : List.of("22210", "63185", "63295")) {
			Procedure p = procedures.stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
			assertEquals(Coverage.FULL, p.facts().coverage(), code);
			for (Language l : Language.values()) {
				Set<Section> present = p.text(l).sections().keySet();
				for (Section required : Section.requiredFor(Coverage.FULL)) {
					assertTrue(present.contains(required), code + " " + l.tag() + " lacks " + required.title(l));
				}
			}
		}
	}

	@Test
	void everyEnglishSectionReadsAtGradeEightOrBelowAndSpanishReadsEasily() {
		List<String> tooHard = new ArrayList<>();
		System.out.println("code   EN grade (mean / worst section)   ES Fernández-Huerta (whole text)");
		for (Procedure p : procedures) {
			Map<Section, String> en = document.plainSections(p.text(Language.EN));
			double worst = 0;
			Section worstSection = null;
			for (Map.Entry<Section, String> s : en.entrySet()) {
				if (s.getValue().isBlank()) {
					continue; // a heading whose text is in its ### parts
				}
				double grade = Readability.fleschKincaidGrade(s.getValue());
				if (grade > worst) {
					worst = grade;
					worstSection = s.getKey();
				}
				if (grade > MAX_GRADE) {
					tooHard.add(String.format(Locale.ROOT, "%s %s: grade %.1f", p.code(), s.getKey().title(Language.EN), grade));
				}
			}
			double mean = Readability.fleschKincaidGrade(String.join("\n", en.values()));
			String es = String.join("\n", document.plainSections(p.text(Language.ES)).values());
			double ease = Readability.fernandezHuerta(es);
			System.out.printf(Locale.ROOT, "%s  %4.1f / %4.1f (%s)   %5.1f%n", p.code(), mean, worst,
					worstSection == null ? "-" : worstSection.title(Language.EN), ease);
			assertTrue(ease >= MIN_SPANISH_EASE, p.code() + " Spanish text scores " + ease);
		}
		assertEquals(List.of(), tooHard, "English sections above grade " + MAX_GRADE);
	}
}
