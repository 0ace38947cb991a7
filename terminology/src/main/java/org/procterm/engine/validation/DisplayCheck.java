package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.procterm.engine.Messages;
import org.procterm.engine.TxIssueType;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.VersionRules;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.codesystem.LanguagePreference;
import org.procterm.engine.codesystem.Languages;

/**
 * Judges a display a client sent with a code, in the languages it asked for ({@code displayLanguage}
 * or Accept-Language). A concept's valid displays are its display, in the code system's language,
 * and its designations, each in its own language (or the code system's, when it states none). When
 * languages are asked for, only displays in those languages are right, and a display whose language
 * is unknown counts as any. When none of the concept's displays is in those languages, a display
 * valid in the code system's own language is still accepted, with a note saying so. A designation
 * with a use other than display (a synonym, CPT's short or consumer descriptor, a patient name) is
 * accepted as a display, since clients rightly send those, but a wrong display is told only the
 * concept's displays, as HL7's reference servers tell it. Wording follows
 * HL7's terminology tests, so clients that read the messages see what other servers say.
 */
public final class DisplayCheck {

	private DisplayCheck() {}

	/**
	 * One way a concept may be displayed, and the language it is in (null: not known). {@code display}:
	 * one of its displays, rather than another of its names (a designation with another use, e.g. a
	 * synonym or CPT's short descriptor), which is accepted but not proposed.
	 */
	private record Choice(String value, String language, boolean display) {
		String shown() {
			return "'" + value + "'" + (language == null ? "" : " (" + language + ")");
		}
	}

	/** The finding about {@code given}: null when it is right, an information issue when right with a note, else an error. */
	public static ValidationIssue judge(CodeSystemIndex cs, Concept concept, String given, String displayLanguage, String expression) {
		List<Choice> choices = choices(cs, concept);
		List<String> asked = Languages.tags(displayLanguage);
		String codeRef = cs.url() + "#" + concept.code();
		if (!matchesAny(choices, given)) {
			// a display the code system has withdrawn from use: still this code's, so a warning, not an error
			String wanted = given.trim().toLowerCase(Locale.ROOT);
			boolean retired = concept.designations().stream().anyMatch(d -> d.isRetired() && d.value() != null
					&& d.value().trim().toLowerCase(Locale.ROOT).equals(wanted));
			if (retired) {
				return ValidationIssue.warning(IssueType.INVALID, TxIssueType.DISPLAY_COMMENT, Messages.DISPLAY_NO_LONGER_CORRECT.say(given,
						concept.code(), String.join(", ", choices.stream().map(c -> "\"" + c.value() + "\"").toList())), expression)
						.asAside(); // the display is right enough: told in the issues, not as the answer's message (HL7's answer)
			}
		}
		if (asked.isEmpty()) {
			if (matchesAny(choices, given)) {
				return null;
			}
			return wrong(given, codeRef, validIs(choices, "--"), expression, choices);
		}
		List<Choice> inLanguage = choices.stream().filter(c -> c.language() == null || asked.stream().anyMatch(a -> Languages.matches(c.language(), a))).toList();
		if (matchesAny(inLanguage, given)) {
			return null;
		}
		String languages = displayLanguage.strip(); // as the client wrote it, as HL7's servers quote it
		if (inLanguage.isEmpty()) {
			if (matchesAny(choices, given)) {
				return ValidationIssue.information(IssueType.INVALID, TxIssueType.INVALID_DISPLAY,
						Messages.DEFAULT_LANGUAGE_DISPLAY_OK.say(codeRef, languages, given), expression);
			}
			String none = Messages.NO_DISPLAY_FOR_LANGUAGES.text(languages)
					+ (concept.display() == null ? "" : Messages.DEFAULT_DISPLAY_IS.text(concept.display()));
			return ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DISPLAY,
					Messages.WRONG_DISPLAY_NONE_IN_LANGUAGE.say(given, codeRef, none), expression);
		}
		return wrong(given, codeRef, validIs(inLanguage, languages), expression, inLanguage);
	}

	/** The display to answer with: in the first asked language the concept has one in, else the code system's own display. */
	public static String displayFor(CodeSystemIndex cs, Concept concept, String displayLanguage) {
		return displayFor(cs.language(), concept, concept.display(), displayLanguage);
	}

	/**
	 * The display for a reader of {@code displayLanguage}: {@code own} (the code system's display, or
	 * the one a value set gives) when no language is asked or the code system is written
	 * ({@code writtenIn}) in the first asked language it can answer in, else a designation in it.
	 */
	public static String displayFor(String writtenIn, Concept concept, String own, String displayLanguage) {
		return displayFor(writtenIn, concept, own, LanguagePreference.of(displayLanguage));
	}

	/** As above, with the preference already read (an expansion reads it once, not once per code). */
	public static String displayFor(String writtenIn, Concept concept, String own, LanguagePreference preference) {
		for (String tag : preference.tags()) {
			if (writtenIn != null && Languages.matches(writtenIn, tag) && own != null) {
				return own;
			}
			Optional<Designation> designation = concept.designationInTag(tag);
			if (designation.isPresent()) {
				return designation.get().value();
			}
		}
		return preference.refusesOthers() ? null : own; // "*; q=0": no display rather than one in another language
	}

	private static List<Choice> choices(CodeSystemIndex cs, Concept concept) {
		Map<String, Choice> unique = new LinkedHashMap<>(); // the same text in the same language counts once
		if (concept.display() != null) {
			unique.put(concept.display() + "|" + cs.language(), new Choice(concept.display(), cs.language(), true));
		}
		for (Designation d : concept.designations()) {
			if (d.value() != null && !d.isRetired()) {
				String language = d.language() != null ? d.language() : cs.language();
				Choice choice = new Choice(d.value(), language, d.isDisplay());
				Choice before = unique.putIfAbsent(d.value() + "|" + language, choice);
				if (before != null && !before.display() && choice.display()) {
					unique.put(d.value() + "|" + language, choice);
				}
			}
		}
		return new ArrayList<>(unique.values());
	}

	private static boolean matchesAny(List<Choice> choices, String given) {
		String wanted = given.trim().toLowerCase(Locale.ROOT);
		return choices.stream().anyMatch(c -> c.value().trim().toLowerCase(Locale.ROOT).equals(wanted));
	}

	/**
	 * The valid displays a wrong one is told: the concept's displays, as HL7's servers list them; its
	 * other names only when it has no display at all.
	 */
	private static String validIs(List<Choice> choices, String languages) {
		List<String> shown = proposed(choices).stream().map(Choice::shown).toList();
		if (shown.isEmpty()) {
			return Messages.NO_DISPLAY_TO_COMPARE.text();
		}
		return shown.size() == 1 ? Messages.VALID_DISPLAY_IS.text(shown.get(0), languages)
				: Messages.VALID_DISPLAY_CHOICES.text(shown.size(), VersionRules.joinedWithOr(shown), languages);
	}

	/** The choices a wrong display is told: the displays, or all names when the concept has no display. */
	private static List<Choice> proposed(List<Choice> choices) {
		List<Choice> displays = choices.stream().filter(Choice::display).toList();
		return displays.isEmpty() ? choices : displays;
	}

	/** A wrong display; when it differs from a proposed one only in its spaces, the message says so (as HL7's validator does). */
	private static ValidationIssue wrong(String given, String codeRef, String detail, String expression, List<Choice> valid) {
		String spaced = collapseWhitespace(given);
		Messages message = proposed(valid).stream().anyMatch(c -> collapseWhitespace(c.value()).equals(spaced))
				? Messages.WRONG_DISPLAY_WHITESPACE : Messages.WRONG_DISPLAY;
		return ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DISPLAY, message.say(given, codeRef, detail), expression);
	}

	private static String collapseWhitespace(String s) {
		return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}
}
