package org.procterm.content.fhir;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.procterm.content.model.Language;
import org.procterm.content.model.Localized;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.ProcedureText;
import org.procterm.content.model.Review;
import org.procterm.content.model.Section;
import org.procterm.content.model.Vocabulary;

/**
 * The patient's page for one procedure in one language, as Markdown and as HTML: the name, the
 * educational-use notice with who wrote and reviewed it, then every top-level section in page
 * order, the writer's and those the build makes from the facts (at a glance, similar codes,
 * health plan policies, sources). A single section can be had on its own, with its ### parts.
 */
public final class PatientDocument {

	static final Localized NOTICE = new Localized(
			"This page explains a procedure in general terms. It is for learning, not medical advice. "
					+ "Your own care team knows your situation, so ask them about anything here.",
			"Esta página explica un procedimiento en términos generales. Sirve para aprender y no es un consejo médico. "
					+ "Su equipo de salud conoce su caso, así que pregúntele sobre cualquier punto de esta página.");

	private static final Map<Language, DateTimeFormatter> DATES = Map.of(
			Language.EN, DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.US),
			Language.ES, DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag("es-US")));

	private final Map<String, Procedure> byCode;
	private final MarkdownText markdownText = new MarkdownText();

	/** @param all every procedure of the package, so a page can name and link its similar codes */
	public PatientDocument(List<Procedure> all) {
		this.byCode = all.stream().collect(Collectors.toMap(Procedure::code, Function.identity()));
	}

	public String markdown(Procedure p, Language language) {
		ProcedureText t = p.text(language);
		StringBuilder md = new StringBuilder();
		md.append("# ").append(t.name()).append("\n\n");
		md.append(language == Language.EN ? "CPT code " + p.code() + ": " + p.facts().descriptor() : "Código CPT " + p.code()).append("\n\n");
		md.append("> ").append(NOTICE.in(language)).append("\n>\n> ").append(reviewLine(t.review(), language)).append("\n\n");
		sections(p, language).values().forEach(s -> md.append(s).append("\n\n"));
		return md.toString().strip() + "\n";
	}

	public String html(Procedure p, Language language) {
		return page(p.text(language).name(), language, markdownText.html(markdown(p, language)));
	}

	/** Every top-level section present on the page, in page order, each as Markdown from its "## " heading. */
	public Map<Section, String> sections(Procedure p, Language language) {
		Map<Section, String> out = new LinkedHashMap<>();
		for (Section s : Section.values()) {
			if (s.parent() == null) {
				String body = body(p, language, s);
				if (!body.isBlank()) {
					out.put(s, "## " + s.title(language) + "\n\n" + body.strip());
				}
			}
		}
		return out;
	}

	/** One top-level section with its parts as plain text, without its heading (empty when the page has none). */
	public String plainSection(Procedure p, Language language, Section section) {
		return markdownText.plain(body(p, language, section));
	}

	/** A code's plain name in a language, as its page shows it. */
	public String name(String code, Language l) {
		Procedure p = byCode.get(code);
		return p == null ? "CPT " + code : p.text(l).name();
	}

	private String body(Procedure p, Language l, Section s) {
		ProcedureText t = p.text(l);
		return switch (s) {
			case AT_A_GLANCE -> bullets(glance(p.facts(), l));
			case SIMILAR_CODES -> bullets(p.facts().similarCodes().stream().map(code -> similar(code, l)).toList());
			case HEALTH_PLAN_POLICIES -> bullets(p.facts().payerPolicies().stream()
					.map(policy -> "[" + policy.payer() + ": " + policy.title() + "](" + policy.url() + ")").toList());
			case SOURCES -> bullets(p.facts().sources().stream()
					.map(source -> "[" + source.title() + "](" + source.url() + "), " + source.publisher()).toList());
			default -> {
				if (!t.sections().containsKey(s)) {
					yield "";
				}
				StringBuilder md = new StringBuilder(t.sections().get(s));
				Arrays.stream(Section.values()).filter(part -> part.parent() == s && t.sections().containsKey(part))
						.forEach(part -> md.append("\n\n### ").append(part.title(l)).append("\n\n").append(t.sections().get(part)));
				yield md.toString();
			}
		};
	}

	private String similar(String code, Language l) {
		return "[" + name(code, l) + "](" + Canonicals.page(code, l) + ") (CPT " + code + ")";
	}

	/** "Written by … on December 1, 2026. Not yet reviewed by a clinician. Next review by …". */
	static String reviewLine(Review r, Language l) {
		boolean en = l == Language.EN;
		StringBuilder line = new StringBuilder(Vocabulary.REVIEW_STATUS.get(r.status()).in(l));
		line.append(en ? " Written by " : " Escrito por ").append(r.author()).append(en ? " on " : " el ").append(date(r.written(), l)).append('.');
		if (r.reviewed() != null) {
			line.append(en ? " Reviewed by " : " Revisado por ").append(r.reviewer()).append(en ? " on " : " el ").append(date(r.reviewed(), l)).append('.');
		}
		line.append(en ? " Next review due by " : " Próxima revisión a más tardar el ").append(date(r.nextReview(), l)).append('.');
		return line.toString();
	}

	static String date(LocalDate date, Language l) {
		return DATES.get(l).format(date);
	}

	private static String bullets(List<String> items) {
		return items.stream().map(i -> "- " + i + "\n").collect(Collectors.joining());
	}

	static String page(String title, Language language, String bodyHtml) {
		return "<!DOCTYPE html>\n<html lang=\"" + language.tag() + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
				+ "</title>\n</head>\n<body>\n" + bodyHtml + "</body>\n</html>\n";
	}

	/** The facts a patient wants first, written from the structured front matter. */
	static List<String> glance(ProcedureFacts f, Language l) {
		boolean en = l == Language.EN;
		List<String> lines = new ArrayList<>();
		if (f.bodyRegion() != null) {
			lines.add((en ? "Part of the body: " : "Parte del cuerpo: ") + Vocabulary.BODY_REGIONS.get(f.bodyRegion()).in(l));
		}
		if (f.duration() != null) {
			lines.add((en ? "How long the surgery usually takes: " : "Cuánto suele durar la cirugía: ") + f.duration().describe(l));
		}
		if (f.anesthesia() != null) {
			lines.add((en ? "Anesthesia: " : "Anestesia: ") + Vocabulary.ANESTHESIA.get(f.anesthesia()).in(l));
		}
		if (f.hospitalStay() != null) {
			lines.add((en ? "Usual hospital stay: " : "Estadía habitual en el hospital: ") + f.hospitalStay().describe(l));
		}
		if (f.fastingHours() != null) {
			lines.add(fasting(f.fastingHours(), l));
		}
		if (!f.settings().isEmpty()) {
			lines.add((en ? "Where: " : "Dónde: ") + f.settings().stream().map(s -> Vocabulary.SETTINGS.get(s).in(l))
					.collect(Collectors.joining(en ? " or " : " o ")));
		}
		if (f.addOn()) {
			lines.add(en ? "Only used together with the code of a main procedure. Main codes explained here: " + String.join(", ", f.primaryCodes())
					: "Solo se usa junto con el código de un procedimiento principal. Códigos principales explicados aquí: " + String.join(", ", f.primaryCodes()));
		}
		return lines;
	}

	static String fasting(int hours, Language l) {
		return l == Language.EN ? "No food or drink for at least " + hours + " hours before surgery, or as your care team tells you."
				: "No coma ni beba nada durante al menos " + hours + " horas antes de la cirugía, o según le indique su equipo de atención.";
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
