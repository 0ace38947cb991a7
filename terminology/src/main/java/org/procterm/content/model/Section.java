package org.procterm.content.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The patient sections of a procedure, in the order they are shown, with the heading a writer
 * types in each language. A section with a parent is a {@code ###} heading under that parent.
 */
public enum Section {
	SUMMARY(null, "Summary", "Resumen"),
	PURPOSE(null, "Why it is done", "Para qué se hace"),
	INDICATIONS(null, "Who may need it", "Quién puede necesitarla"),
	DIFFERENCES(null, "How it differs from similar codes", "En qué se diferencia de códigos parecidos"),
	PREPARATION(null, "How to prepare", "Cómo prepararse"),
	STEPS(null, "What happens during the procedure", "Qué pasa durante el procedimiento"),
	DURATION(null, "How long it takes", "Cuánto dura"),
	SETTING(null, "Where it is done", "Dónde se hace"),
	CARE_TEAM(null, "Who will care for you", "Quién la atiende"),
	RISKS(null, "Risks", "Riesgos"),
	RISKS_COMMON(RISKS, "Common risks", "Riesgos frecuentes"),
	RISKS_RARE(RISKS, "Rare risks", "Riesgos poco frecuentes"),
	RISKS_HANDLING(RISKS, "How problems are treated", "Cómo se tratan los problemas"),
	BENEFITS(null, "Benefits", "Beneficios"),
	RECOVERY(null, "Recovery", "Recuperación"),
	FOLLOW_UP(null, "Follow-up visits", "Visitas de control"),
	ALTERNATIVES(null, "Alternatives", "Alternativas"),
	ALTERNATIVES_NON_SURGICAL(ALTERNATIVES, "Without surgery", "Sin cirugía"),
	ALTERNATIVES_SURGICAL(ALTERNATIVES, "Other surgery", "Otras cirugías"),
	EXPERIENCE(null, "What you will feel", "Lo que va a sentir");

	private final Section parent;
	private final Localized title;

	Section(Section parent, String en, String es) {
		this.parent = parent;
		this.title = new Localized(en, es);
	}

	public Section parent() {
		return parent;
	}

	public String title(Language language) {
		return title.in(language);
	}

	/** A section whose text lives in its {@code ###} subsections. */
	public boolean hasSubsections() {
		return Arrays.stream(values()).anyMatch(s -> s.parent == this);
	}

	/** The sections a procedure of this coverage must have, in every language. */
	public static Set<Section> requiredFor(Coverage coverage) {
		if (coverage == Coverage.PARTIAL) {
			return EnumSet.of(SUMMARY, PURPOSE, DIFFERENCES);
		}
		EnumSet<Section> all = EnumSet.allOf(Section.class);
		all.remove(DIFFERENCES); // a full entry may stand alone
		return all;
	}

	public static Optional<Section> byTitle(String heading, Language language, Section parent) {
		String wanted = heading.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
				.filter(s -> s.parent == parent && s.title(language).toLowerCase(Locale.ROOT).equals(wanted))
				.findFirst();
	}
}
