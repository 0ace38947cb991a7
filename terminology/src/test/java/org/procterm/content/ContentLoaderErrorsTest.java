package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.Section;
import org.procterm.content.parse.ContentException;
import org.procterm.content.parse.ContentLoader;

/** Each mistake a writer can make is reported with the file and line to fix. */
class ContentLoaderErrorsTest {

	@TempDir
	Path root;

	/** Front matter, then every section a page needs, each with a line of text. */
	private static final String EN = """
			---
			code: "10001"
			language: en
			name: Test procedure
			descriptor: "Test descriptor"
			anesthesia: general
			section: [Surgery]
			duration: 2-4 hours
			sources:
			  - title: A public page
			    publisher: A publisher
			    url: https://example.org/page
			review:
			  status: draft
			  author: procterm content team
			  written: 2026-11-21
			  nextReview: 2027-11-21
			---
			""" + body(Language.EN, "Text.");

	private static final String ES = """
			---
			code: "10001"
			language: es
			name: Procedimiento de prueba
			review:
			  status: draft
			  author: procterm content team
			  written: 2026-11-21
			  nextReview: 2027-11-21
			---
			""" + body(Language.ES, "Texto.");

	private static String body(Language l, String text) {
		StringBuilder md = new StringBuilder();
		for (Section s : Section.values()) {
			if (Section.required().contains(s) || s == Section.RISKS_POSSIBLE) {
				md.append('\n').append(s.parent() == null ? "## " : "### ").append(s.title(l)).append("\n\n");
				if (!s.hasSubsections()) {
					md.append(text).append('\n');
				}
			}
		}
		return md.toString();
	}

	private static int lineOf(String file, String line) {
		return List.of(file.split("\n", -1)).indexOf(line) + 1;
	}

	private Path proceduresDir() {
		return root.resolve("procedures");
	}

	private void write(String code, String language, String content) throws IOException {
		Path dir = proceduresDir().resolve(code);
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(language + ".md"), content);
	}

	private List<String> errors() {
		ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(proceduresDir()));
		return e.errors().stream().map(Object::toString).toList();
	}

	private void assertOnlyError(String expectedStart, String expectedFragment) {
		List<String> errors = errors();
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith(expectedStart), errors.get(0));
		assertTrue(errors.get(0).contains(expectedFragment), errors.get(0));
	}

	@Test
	void aValidPairLoads() throws IOException {
		write("10001", "en", EN);
		write("10001", "es", ES);
		List<Procedure> loaded = new ContentLoader().load(proceduresDir());
		assertEquals(1, loaded.size());
		Procedure p = loaded.get(0);
		assertEquals("https://example.org/page", p.facts().sources().get(0).url());
		assertEquals(2, p.facts().duration().min());
		assertEquals("Texto.", p.text(Language.ES).sections().get(Section.SUMMARY));
	}

	@Test
	void missingSectionNamesTheSectionAndTheFile() throws IOException {
		write("10001", "en", EN);
		write("10001", "es", ES.replace("## Para qué se hace\n\nTexto.\n", ""));
		assertOnlyError("procedures/10001/es.md:1: ", "missing section '## Para qué se hace'");
	}

	@Test
	void unknownFieldIsReportedAtItsLine() throws IOException {
		write("10001", "en", EN.replace("anesthesia: general", "anesthesia: general\ncolour: blue"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:7: ", "unknown field 'colour'");
	}

	@Test
	void factInATranslationIsAnUnknownFieldThere() throws IOException {
		write("10001", "en", EN);
		write("10001", "es", ES.replace("language: es", "language: es\nduration: 2-4 hours"));
		assertOnlyError("procedures/10001/es.md:4: ", "facts belong in the English file");
	}

	@Test
	void malformedRangeSaysWhatIsExpected() throws IOException {
		write("10001", "en", EN.replace("duration: 2-4 hours", "duration: two to four hours"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:8: ", "expected e.g. '2-4 hours'");
	}

	@Test
	void rangeWithoutUnitOrRunningBackwardsIsRejected() throws IOException {
		write("10001", "en", EN.replace("duration: 2-4 hours", "duration: 4-2 hours\nhospitalStay: 3"));
		write("10001", "es", ES);
		List<String> errors = errors();
		assertEquals(2, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("procedures/10001/en.md:8: ") && errors.get(0).contains("runs backwards"), errors.get(0));
		assertTrue(errors.get(1).startsWith("procedures/10001/en.md:9: ") && errors.get(1).contains("needs a unit"), errors.get(1));
	}

	@Test
	void referenceToAnUnknownCodeIsReported() throws IOException {
		write("10001", "en", EN.replace("anesthesia: general", "anesthesia: general\nsimilarCodes: [\"99999\"]"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:7: ", "similarCodes names '99999'");
	}

	@Test
	void languageMismatchIsReportedAtTheLanguageLine() throws IOException {
		write("10001", "en", EN);
		write("10001", "es", EN.replace("code: \"10001\"\nlanguage: en", "code: \"10001\"\nlanguage: en"));
		assertOnlyError("procedures/10001/es.md:3: ", "language mismatch: the file is es.md but its front matter says language: en");
	}

	@Test
	void unknownSectionHeadingListsTheKnownOnes() throws IOException {
		write("10001", "en", EN.replace("## Why it is done", "## Why we do it"));
		write("10001", "es", ES);
		List<String> errors = errors();
		assertTrue(errors.get(0).startsWith("procedures/10001/en.md:" + lineOf(EN, "## Why it is done") + ": unknown section 'Why we do it'"),
				errors.toString());
	}

	@Test
	void codeMustMatchItsFolderAndEveryLanguageMustExist() throws IOException {
		write("10001", "en", EN.replace("code: \"10001\"", "code: \"10002\""));
		write("10001", "es", ES);
		assertEquals(List.of("procedures/10001/en.md:2: code '10002' does not match its folder '10001'"), errors());
		Files.delete(proceduresDir().resolve("10001/es.md"));
		write("10001", "en", EN);
		assertOnlyError("procedures/10001/es.md:1: ", "missing file");
	}

	@Test
	void missingFrontMatterAndBadYamlAreLocated() throws IOException {
		write("10001", "en", "## Summary\n\nNo front matter.\n");
		write("10001", "es", ES.replace("name: Procedimiento de prueba", "name: [unclosed"));
		List<String> errors = errors();
		assertTrue(errors.get(0).startsWith("procedures/10001/en.md:1: the file must start with front matter"), errors.toString());
		assertTrue(errors.get(1).startsWith("procedures/10001/es.md:") && errors.get(1).contains("not valid YAML"), errors.toString());
	}

	@Test
	void addOnWithoutPrimaryCodesIsRejected() throws IOException {
		write("10001", "en", EN.replace("anesthesia: general", "anesthesia: general\naddOn: true"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:7: ", "needs 'primaryCodes'");
	}

	@Test
	void aReviewedPageNeedsAReviewerAndADate() throws IOException {
		write("10001", "en", EN.replace("  status: draft", "  status: clinician-reviewed"));
		write("10001", "es", ES);
		List<String> errors = errors();
		assertEquals(2, errors.size(), errors.toString());
		assertTrue(errors.get(0).contains("needs the reviewer's name"), errors.toString());
		assertTrue(errors.get(1).contains("needs the date it was reviewed"), errors.toString());
	}

	@Test
	void aDraftNamesNoReviewer() throws IOException {
		write("10001", "en", EN.replace("  written: 2026-11-21", "  written: 2026-11-21\n  reviewer: Dr. Somebody"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:", "a draft has no reviewer or review date");
	}

	@Test
	void aPageWithoutSourcesIsRefused() throws IOException {
		write("10001", "en", EN.replace("""
				sources:
				  - title: A public page
				    publisher: A publisher
				    url: https://example.org/page
				""", ""));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:1: ", "missing 'sources'");
	}

	@Test
	void aSourceIsAWebAddress() throws IOException {
		write("10001", "en", EN.replace("url: https://example.org/page", "url: the library"));
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/en.md:", "needs the web address it is published at");
	}

	@Test
	void risksAreEitherByFrequencyOrOneListNeverBoth() throws IOException {
		write("10001", "en", EN.replace("### Possible risks", "### Common risks"));
		write("10001", "es", ES);
		List<String> errors = errors();
		assertTrue(errors.get(0).startsWith("procedures/10001/en.md:1: mixed risk lists"), errors.toString());
	}

	@Test
	void everyLanguageHasTheSameSections() throws IOException {
		String en = EN.replace("### Possible risks\n\nText.\n", "### Common risks\n\nText.\n\n### Rare risks\n\nText.\n");
		write("10001", "en", en);
		write("10001", "es", ES);
		assertOnlyError("procedures/10001/es.md:1: ", "the sections differ from en.md's");
	}

	@Test
	void aGeneratedSectionCannotBeWrittenByHand() throws IOException {
		write("10001", "en", EN + "\n## Sources\n\nMy list.\n");
		write("10001", "es", ES);
		assertTrue(errors().get(0).contains("unknown section 'Sources'"));
	}
}
