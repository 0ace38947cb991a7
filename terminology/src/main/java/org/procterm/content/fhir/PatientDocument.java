package org.procterm.content.fhir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.procterm.content.model.Language;
import org.procterm.content.model.Localized;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.ProcedureText;
import org.procterm.content.model.Section;
import org.procterm.content.model.Vocabulary;

/**
 * The patient's page for one procedure in one language, as Markdown and as HTML: the name, the
 * educational-use notice with the review status, the key facts at a glance, then the writer's
 * sections. Raw HTML in a writer's Markdown is escaped, never passed through.
 */
public final class PatientDocument {

	static final Localized NOTICE = new Localized(
			"This page explains a procedure in general terms. It is for learning, not medical advice. "
					+ "Your own care team knows your situation, so ask them about anything here.",
			"Esta página explica un procedimiento en términos generales. Sirve para aprender y no es un consejo médico. "
					+ "Su equipo de salud conoce su caso, así que pregúntele sobre cualquier punto de esta página.");

	private static final Localized AT_A_GLANCE = new Localized("At a glance", "De un vistazo");
	private static final Localized POLICIES = new Localized("Health plan policies", "Políticas de los planes de salud");

	private final Parser parser = Parser.builder().build();
	private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).build();
	private final TextContentRenderer text = TextContentRenderer.builder().build();

	public String markdown(Procedure p, Language language) {
		ProcedureText t = p.text(language);
		StringBuilder md = new StringBuilder();
		md.append("# ").append(t.name()).append("\n\n");
		md.append(language == Language.EN ? "CPT code " : "Código CPT ").append(p.code());
		md.append(language == Language.EN ? ": " + p.facts().descriptor() : "").append("\n\n");
		md.append("> ").append(NOTICE.in(language)).append("\n>\n> ")
				.append(Vocabulary.REVIEW_STATUS.get(t.review().status()).in(language))
				.append(language == Language.EN ? " Written " : " Escrito el ").append(t.review().written()).append('.')
				.append(t.review().reviewed() == null ? ""
						: (language == Language.EN ? " Reviewed " : " Revisado el ") + t.review().reviewed() + ".")
				.append("\n\n");
		List<String> glance = glance(p.facts(), language);
		if (!glance.isEmpty()) {
			md.append("## ").append(AT_A_GLANCE.in(language)).append("\n\n");
			glance.forEach(g -> md.append("- ").append(g).append('\n'));
			md.append('\n');
		}
		for (Map.Entry<Section, String> s : t.sections().entrySet()) {
			md.append(s.getKey().parent() == null ? "## " : "### ").append(s.getKey().title(language)).append("\n\n");
			if (!s.getValue().isEmpty()) {
				md.append(s.getValue()).append("\n\n");
			}
		}
		if (!p.facts().payerPolicies().isEmpty()) {
			md.append("## ").append(POLICIES.in(language)).append("\n\n");
			p.facts().payerPolicies().forEach(policy ->
					md.append("- [").append(policy.payer()).append(": ").append(policy.title()).append("](").append(policy.url()).append(")\n"));
		}
		return md.toString().strip() + "\n";
	}

	public String html(Procedure p, Language language) {
		String title = escape(p.text(language).name());
		return "<!DOCTYPE html>\n<html lang=\"" + language.tag() + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
				+ "</title>\n</head>\n<body>\n" + html.render(parser.parse(markdown(p, language))) + "</body>\n</html>\n";
	}

	/** Each section as plain text (Markdown marks removed), for readability scoring and FHIR text fields. */
	public Map<Section, String> plainSections(ProcedureText t) {
		Map<Section, String> out = new EnumMap<>(Section.class);
		t.sections().forEach((section, md) -> out.put(section, plain(md)));
		return out;
	}

	public String plain(String markdown) {
		return text.render(parser.parse(markdown)).strip();
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
			lines.add((en ? "No food or drink before surgery for at least " + f.fastingHours() + " hours"
					: "Sin comer ni beber antes de la cirugía durante al menos " + f.fastingHours() + " horas"));
		}
		if (!f.settings().isEmpty()) {
			lines.add((en ? "Where: " : "Dónde: ") + f.settings().stream().map(s -> Vocabulary.SETTINGS.get(s).in(l))
					.collect(Collectors.joining(en ? " or " : " o ")));
		}
		if (f.addOn()) {
			lines.add(en ? "This code is only used together with the code of a main procedure: " + String.join(", ", f.primaryCodes())
					: "Este código solo se usa junto con el código de un procedimiento principal: " + String.join(", ", f.primaryCodes()));
		}
		return lines;
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
