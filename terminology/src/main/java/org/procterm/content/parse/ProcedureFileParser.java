package org.procterm.content.parse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.procterm.content.fhir.MarkdownText;
import org.procterm.content.model.Language;
import org.procterm.content.model.PayerPolicy;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.ProcedureText;
import org.procterm.content.model.Review;
import org.procterm.content.model.Section;
import org.procterm.content.model.Source;
import org.procterm.content.model.Vocabulary;

/**
 * Reads one authored procedure file: YAML front matter between '---' lines, then the patient
 * sections as {@code ##} headings (and {@code ###} for the parts of Risks and Alternatives) in the
 * file's language. Facts live in the English file; other languages carry only their text.
 */
public final class ProcedureFileParser {

	static final Set<String> TEXT_FIELDS = Set.of("code", "language", "name", "review");
	static final Set<String> FACT_FIELDS = Set.of("descriptor", "addOn", "primaryCodes", "bodyRegion",
			"approach", "vertebralSegments", "section", "duration", "hospitalStay", "fastingHours", "anesthesia",
			"settings", "careTeam", "similarCodes", "payerPolicies", "sources");

	/** What one file holds; {@code facts} only for the English file. Field lines serve later cross-file checks. */
	public record ParsedFile(String file, ProcedureText text, ProcedureFacts facts, int codeLine, int languageLine,
			int similarCodesLine, int primaryCodesLine) {}

	private final Parser markdown = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

	/** @return the parsed file, or null when {@code errors} received at least one problem of this file */
	public ParsedFile parse(String file, String content, List<ContentError> errors) {
		int before = errors.size();
		String[] lines = content.split("\r?\n", -1);
		if (lines.length == 0 || !lines[0].strip().equals("---")) {
			errors.add(new ContentError(file, 1, "the file must start with front matter: a line '---', the fields, and another '---'"));
			return null;
		}
		int close = -1;
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].strip().equals("---")) {
				close = i;
				break;
			}
		}
		if (close < 0) {
			errors.add(new ContentError(file, 1, "the front matter is not closed: add a line '---' after the last field"));
			return null;
		}
		FrontMatter fm = FrontMatter.parse(file, String.join("\n", List.of(lines).subList(1, close)), 1, errors);

		String code = fm.string("code", true);
		String languageTag = fm.string("language", true);
		Language language = languageTag == null ? null : Language.ofTag(languageTag).orElse(null);
		if (languageTag != null && language == null) {
			fm.error(fm.line("language"), "language '" + languageTag + "' is not one procterm writes in; use one of: en, es");
		}
		String name = fm.string("name", true);
		Review review = review(fm.block("review", true));

		ProcedureFacts facts = null;
		if (language == Language.EN) {
			fm.rejectUnknown(union(TEXT_FIELDS, FACT_FIELDS), "");
			facts = facts(fm, code);
		} else if (language != null) {
			fm.rejectUnknown(TEXT_FIELDS, " in a translation (facts belong in the English file, en.md)");
		}

		Map<Section, String> sections = language == null ? Map.of() : sections(file, lines, close + 1, language, errors);
		if (errors.size() > before) {
			return null;
		}
		return new ParsedFile(file, new ProcedureText(code, language, name, review, sections), facts,
				fm.line("code"), fm.line("language"), fm.line("similarCodes"), fm.line("primaryCodes"));
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new java.util.HashSet<>(a);
		all.addAll(b);
		return all;
	}

	/**
	 * The review block. A text is marked reviewed only with the reviewer's name and the date of the
	 * review, and a draft names neither: the published status follows from this block alone.
	 */
	private static Review review(FrontMatter fm) {
		fm.rejectUnknown(Set.of("status", "author", "written", "reviewer", "reviewed", "nextReview"), " in review");
		String status = fm.code("status", Vocabulary.REVIEW_STATUS, true);
		String author = fm.string("author", true);
		var written = fm.date("written", true);
		String reviewer = fm.string("reviewer", false);
		var reviewed = fm.date("reviewed", false);
		var nextReview = fm.date("nextReview", true);
		if (Review.CLINICIAN_REVIEWED.equals(status)) {
			if (reviewer == null && !fm.has("reviewer")) {
				fm.error(fm.line("status"), "a clinician-reviewed text needs the reviewer's name ('reviewer: Dr. A. Name, MD')");
			}
			if (reviewed == null && !fm.has("reviewed")) {
				fm.error(fm.line("status"), "a clinician-reviewed text needs the date it was reviewed ('reviewed: YYYY-MM-DD')");
			}
		} else if (Review.DRAFT.equals(status) && (fm.has("reviewer") || fm.has("reviewed"))) {
			fm.error(fm.line(fm.has("reviewer") ? "reviewer" : "reviewed"),
					"a draft has no reviewer or review date; set 'status: clinician-reviewed' once a clinician has reviewed it");
		}
		if (written != null && reviewed != null && reviewed.isBefore(written)) {
			fm.error(fm.line("reviewed"), "the review date " + reviewed + " is before the date the text was written, " + written);
		}
		if (written != null && nextReview != null && !nextReview.isAfter(written)) {
			fm.error(fm.line("nextReview"), "the next review date " + nextReview + " must come after the date the text was written, " + written);
		}
		return new Review(status, author, written, reviewer, reviewed, nextReview);
	}

	private static List<Source> sources(FrontMatter fm) {
		List<Source> sources = new ArrayList<>();
		for (FrontMatter s : fm.blocks("sources")) {
			s.rejectUnknown(Set.of("title", "publisher", "url"), " in a source");
			sources.add(new Source(s.string("title", true), s.string("publisher", true), link(s, "a source")));
		}
		if (sources.isEmpty()) {
			fm.error(fm.has("sources") ? fm.line("sources") : 1,
					"missing 'sources': list the public documents this page's facts come from (title, publisher, url)");
		}
		return sources;
	}

	/** A web address as published: http or https (some health plans still publish on http). */
	private static String link(FrontMatter fm, String what) {
		String url = fm.string("url", true);
		if (url != null && !url.matches("https?://[^\\s]+")) {
			fm.error(fm.line("url"), what + " needs the web address it is published at (http:// or https://), not '" + url + "'");
		}
		return url;
	}

	private static ProcedureFacts facts(FrontMatter fm, String code) {
		String descriptor = fm.string("descriptor", true);
		boolean addOn = fm.bool("addOn", false);
		List<String> primaryCodes = fm.strings("primaryCodes");
		if (addOn && primaryCodes.isEmpty()) {
			fm.error(fm.line("addOn"), "an add-on code needs 'primaryCodes': the codes it is reported with");
		}
		if (!addOn && !primaryCodes.isEmpty()) {
			fm.error(fm.line("primaryCodes"), "'primaryCodes' is only for add-on codes (addOn: true)");
		}
		List<String> section = fm.strings("section");
		if (section.isEmpty()) {
			fm.error(fm.line("section"), "missing required field 'section': the code's place in the CPT tree, e.g. [Surgery, Nervous System]");
		}
		List<PayerPolicy> policies = new ArrayList<>();
		for (FrontMatter p : fm.blocks("payerPolicies")) {
			p.rejectUnknown(Set.of("payer", "title", "url"), " in a payer policy");
			policies.add(new PayerPolicy(p.string("payer", true), p.string("title", true), link(p, "a payer policy")));
		}
		return new ProcedureFacts(code, descriptor, addOn, primaryCodes,
				fm.code("bodyRegion", Vocabulary.BODY_REGIONS, false), fm.code("approach", Vocabulary.APPROACHES, false),
				fm.range("vertebralSegments", false), section, fm.range("duration", true), fm.range("hospitalStay", true),
				fm.integer("fastingHours"), fm.code("anesthesia", Vocabulary.ANESTHESIA, false),
				fm.codes("settings", Vocabulary.SETTINGS), fm.codes("careTeam", Vocabulary.CARE_TEAM),
				fm.strings("similarCodes"), policies, sources(fm));
	}

	private record HeadingAt(int level, String text, int line) {}

	/** Splits the body at its headings; {@code firstBodyLine} is the 0-based index of the first line after '---'. */
	private Map<Section, String> sections(String file, String[] lines, int firstBodyLine, Language language, List<ContentError> errors) {
		String body = String.join("\n", List.of(lines).subList(firstBodyLine, lines.length));
		List<HeadingAt> headings = new ArrayList<>();
		List<Integer> contentLines = new ArrayList<>();
		for (Node n = markdown.parse(body).getFirstChild(); n != null; n = n.getNext()) {
			int line = firstBodyLine + n.getSourceSpans().get(0).getLineIndex() + 1;
			if (n instanceof Heading h) {
				headings.add(new HeadingAt(h.getLevel(), MarkdownText.headingText(h), line));
			} else {
				contentLines.add(line);
			}
		}
		Map<Section, String> sections = new EnumMap<>(Section.class);
		if (!contentLines.isEmpty() && (headings.isEmpty() || contentLines.get(0) < headings.get(0).line())) {
			errors.add(new ContentError(file, contentLines.get(0), "text before the first section heading; start with '## "
					+ Section.SUMMARY.title(language) + "'"));
		}
		Section parent = null;
		for (int i = 0; i < headings.size(); i++) {
			HeadingAt h = headings.get(i);
			if (h.level() < 2 || h.level() > 3) {
				errors.add(new ContentError(file, h.line(), "use '## ' for a section and '### ' for a part of Risks or Alternatives; the title comes from 'name'"));
				continue;
			}
			Section section;
			if (h.level() == 2) {
				section = Section.byTitle(h.text(), language, null).orElse(null);
				parent = section;
				if (section == null) {
					errors.add(new ContentError(file, h.line(), "unknown section '" + h.text() + "'; the " + language.tag() + " sections are: "
							+ String.join(", ", java.util.Arrays.stream(Section.values()).filter(s -> s.parent() == null && !s.isGenerated()).map(s -> s.title(language)).toList())));
					continue;
				}
			} else {
				Section under = parent;
				section = under == null ? null : Section.byTitle(h.text(), language, under).orElse(null);
				if (section == null) {
					errors.add(new ContentError(file, h.line(), "unknown part '" + h.text() + "'" + (under == null || !under.hasSubsections()
							? "; only Risks and Alternatives have ### parts"
							: " of " + under.title(language) + "; its parts are: " + String.join(", ", java.util.Arrays.stream(Section.values())
									.filter(s -> s.parent() == under).map(s -> s.title(language)).toList()))));
					continue;
				}
			}
			int from = h.line(); // 1-based heading line: content starts on the next line
			int to = i + 1 < headings.size() ? headings.get(i + 1).line() - 1 : lines.length;
			String text = String.join("\n", List.of(lines).subList(from, to)).strip();
			if (sections.containsKey(section)) {
				errors.add(new ContentError(file, h.line(), "section '" + h.text() + "' appears twice"));
			} else if (text.isEmpty() && !section.hasSubsections()) {
				errors.add(new ContentError(file, h.line(), "section '" + h.text() + "' is empty"));
			} else {
				sections.put(section, text);
			}
		}
		return sections;
	}
}
