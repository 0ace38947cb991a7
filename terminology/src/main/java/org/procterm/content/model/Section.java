package org.procterm.content.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The sections of a patient page, in the order they are shown, with the heading in each language.
 * A section with a parent is a {@code ###} heading under that parent. Most are written by hand;
 * the generated ones are made by the build from the front matter, and a writer cannot type them.
 * Each has a stable {@link #code()}, so a portal can ask for one section of one page.
 */
public enum Section {
	AT_A_GLANCE(null, Origin.GENERATED, "At a glance", "De un vistazo"),
	SUMMARY(null, Origin.WRITTEN, "Summary", "Resumen"),
	OTHER_NAMES(null, Origin.WRITTEN, "Other names", "Otros nombres"),
	PURPOSE(null, Origin.WRITTEN, "Why it is done", "Para qué se hace"),
	INDICATIONS(null, Origin.WRITTEN, "Who may need it", "Quién puede necesitarla"),
	DIFFERENCES(null, Origin.WRITTEN, "How it differs from similar codes", "En qué se diferencia de códigos parecidos"),
	PREPARATION(null, Origin.WRITTEN, "How to prepare", "Cómo prepararse"),
	STEPS(null, Origin.WRITTEN, "What happens during the procedure", "Qué pasa durante el procedimiento"),
	DURATION(null, Origin.WRITTEN, "How long it takes", "Cuánto dura"),
	SETTING(null, Origin.WRITTEN, "Where it is done", "Dónde se hace"),
	CARE_TEAM(null, Origin.WRITTEN, "Who will care for you", "Quién participa en su atención"),
	RISKS(null, Origin.WRITTEN, "Risks", "Riesgos"),
	RISKS_COMMON(RISKS, Origin.WRITTEN, "Common risks", "Riesgos frecuentes"),
	RISKS_RARE(RISKS, Origin.WRITTEN, "Rare risks", "Riesgos poco frecuentes"),
	/** Risks listed without how often they happen, for codes whose facts give no frequencies. */
	RISKS_POSSIBLE(RISKS, Origin.WRITTEN, "Possible risks", "Riesgos posibles"),
	RISKS_HANDLING(RISKS, Origin.WRITTEN, "How problems are treated", "Cómo se tratan los problemas"),
	BENEFITS(null, Origin.WRITTEN, "Benefits", "Beneficios"),
	RECOVERY(null, Origin.WRITTEN, "Recovery", "Recuperación"),
	FOLLOW_UP(null, Origin.WRITTEN, "Follow-up visits", "Visitas de control"),
	ALTERNATIVES(null, Origin.WRITTEN, "Alternatives", "Alternativas"),
	ALTERNATIVES_NON_SURGICAL(ALTERNATIVES, Origin.WRITTEN, "Without surgery", "Sin cirugía"),
	ALTERNATIVES_SURGICAL(ALTERNATIVES, Origin.WRITTEN, "Other surgery", "Otras cirugías"),
	EXPERIENCE(null, Origin.WRITTEN, "What you will feel", "Lo que va a sentir"),
	WHEN_TO_CALL(null, Origin.WRITTEN, "When to call your care team", "Cuándo llamar a su equipo de atención"),
	SIMILAR_CODES(null, Origin.GENERATED, "Similar codes", "Códigos parecidos"),
	HEALTH_PLAN_POLICIES(null, Origin.GENERATED, "Health plan policies", "Políticas de los planes de salud"),
	SOURCES(null, Origin.GENERATED, "Sources", "Fuentes");

	/** Who writes a section: the writer, in Markdown, or the build, from the facts. */
	public enum Origin {
		WRITTEN,
		GENERATED
	}

	/** The two ways to list risks: by frequency (common and rare) or as one list of possible risks. */
	public static final List<Set<Section>> RISK_LISTS = List.of(EnumSet.of(RISKS_COMMON, RISKS_RARE), EnumSet.of(RISKS_POSSIBLE));

	private final Section parent;
	private final Origin origin;
	private final Localized title;

	Section(Section parent, Origin origin, String en, String es) {
		this.parent = parent;
		this.origin = origin;
		this.title = new Localized(en, es);
	}

	public Section parent() {
		return parent;
	}

	public boolean isGenerated() {
		return origin == Origin.GENERATED;
	}

	public String title(Language language) {
		return title.in(language);
	}

	/** A stable code for the section, e.g. {@code when-to-call}: its code in procterm's patient-section CodeSystem. */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** A section whose text lives in its {@code ###} subsections. */
	public boolean hasSubsections() {
		return Arrays.stream(values()).anyMatch(s -> s.parent == this);
	}

	/**
	 * The written sections every page must have, in every language. Risks are split by how often
	 * they happen only where the facts say so; otherwise they are one list (see {@link #RISK_LISTS}).
	 */
	public static Set<Section> required() {
		EnumSet<Section> all = EnumSet.noneOf(Section.class);
		Arrays.stream(values()).filter(s -> !s.isGenerated()).forEach(all::add);
		RISK_LISTS.forEach(all::removeAll);
		return all;
	}

	/** The written section a writer's heading names; generated sections are never matched. */
	public static Optional<Section> byTitle(String heading, Language language, Section parent) {
		String wanted = heading.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
				.filter(s -> !s.isGenerated() && s.parent == parent && s.title(language).toLowerCase(Locale.ROOT).equals(wanted))
				.findFirst();
	}

	public static Optional<Section> byCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
	}
}
