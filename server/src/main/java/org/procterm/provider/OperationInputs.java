package org.procterm.provider;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.EffectiveDates;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.VersionRules;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/** Small helpers shared by the operation methods to read and check their parameters. */
final class OperationInputs {

	private OperationInputs() {}

	static String value(IPrimitiveType<?> p) {
		return p == null || p.isEmpty() ? null : p.getValueAsString();
	}

	/** The system-version, force-system-version and check-system-version parameters, and the date, as one set of rules. */
	static VersionRules versionRules(List<CanonicalType> systemVersion, List<CanonicalType> force, List<CanonicalType> check,
			DateTimeType date) {
		return VersionRules.of(values(systemVersion), values(force), values(check)).on(day(date));
	}

	/** The day a {@code date} parameter names, or null when it is absent (today's content). */
	static LocalDate day(DateTimeType date) {
		return date == null || date.isEmpty() ? null : EffectiveDates.day(date.getValueAsString());
	}

	/**
	 * The {@code abstract} parameter defaults to true: an abstract code is valid unless the client says
	 * otherwise. {@code lenient-display-validation} defaults to false: a wrong display makes the code invalid.
	 */
	static ValidationOptions validationOptions(String displayLanguage, VersionRules versions, BooleanType abstractAllowed,
			BooleanType lenientDisplay) {
		return ValidationOptions.builder().displayLanguage(displayLanguage).versions(versions)
				.abstractAllowed(abstractAllowed == null || abstractAllowed.isEmpty() || abstractAllowed.booleanValue())
				.lenientDisplay(isTrue(lenientDisplay)).build();
	}

	/** The values of a repeating parameter, leaving out empty ones. */
	static List<String> values(List<? extends IPrimitiveType<?>> repeats) {
		return repeats == null ? List.of() : repeats.stream().map(OperationInputs::value).filter(v -> v != null).toList();
	}

	/** A boolean or integer parameter's value, or null when it was not sent. */
	static <T> T sent(org.hl7.fhir.r4.model.PrimitiveType<T> p) {
		return p == null || p.isEmpty() ? null : p.getValue();
	}

	static boolean isTrue(BooleanType b) {
		return b != null && b.booleanValue();
	}

	/** Refuses a parameter the server does not honour yet, rather than silently ignoring it. */
	static void rejectIfPresent(String operation, String name, Object value) {
		boolean present = value instanceof List<?> list ? !list.isEmpty()
				: value instanceof IPrimitiveType<?> p ? !p.isEmpty() : value != null;
		if (present) {
			throw TerminologyException.notSupported("The parameter '" + name + "' of " + operation + " is not supported by this server yet");
		}
	}

	/**
	 * {@code X-TOO-COSTLY-THRESHOLD}: a client (Ontoserver's and HL7's tests use it) may lower, never
	 * raise, the most codes one expansion answer holds before it is too costly. Not a whole number: ignored.
	 */
	static Integer costlyThreshold(RequestDetails request) {
		String header = request == null ? null : request.getHeader("X-TOO-COSTLY-THRESHOLD");
		if (header == null || !header.strip().matches("\\d{1,9}")) {
			return null;
		}
		return Integer.valueOf(header.strip());
	}

	/**
	 * The display language: the displayLanguage parameter (a malformed one is 400), else the
	 * Accept-Language header as a weighted preference list (a malformed one is passed over, as
	 * browsers send odd ones). Both are read by {@code Languages}, on the JDK's LanguageRange.
	 */
	static String displayLanguage(IPrimitiveType<?> parameter, RequestDetails request) {
		String explicit = value(parameter);
		if (explicit != null) {
			try {
				org.procterm.engine.codesystem.Languages.checkedTags(explicit);
			} catch (IllegalArgumentException e) {
				throw TerminologyException.invalidDisplayLanguage(org.procterm.engine.Messages.INVALID_DISPLAY_LANGUAGE.say(explicit));
			}
			return explicit;
		}
		String header = request == null ? null : request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			// the whole list, weights and all; the engine reads it in order of preference
			return org.procterm.engine.codesystem.Languages.checkedTags(header).isEmpty() ? null : header;
		} catch (IllegalArgumentException malformed) {
			return null;
		}
	}

	/**
	 * The codings to validate, from exactly one of: code (+system, version, display), coding, or
	 * codeableConcept.
	 */
	static List<CodingCheck> codingsToValidate(String code, String system, String version, String display,
			Coding coding, CodeableConcept codeableConcept) {
		int given = (code != null ? 1 : 0) + (coding != null && !coding.isEmpty() ? 1 : 0)
				+ (codeableConcept != null && !codeableConcept.isEmpty() ? 1 : 0);
		if (given == 0) {
			throw TerminologyException.invalid(org.procterm.engine.Messages.VALIDATE_FOUND_NO_CODE.text());
		}
		if (given > 1) {
			throw TerminologyException.invalid("$validate-code takes only one of code, coding and codeableConcept");
		}
		if (code != null) {
			return List.of(new CodingCheck(system, version, code, display));
		}
		if (coding != null && !coding.isEmpty()) {
			return List.of(check(coding, display, "Coding"));
		}
		List<CodingCheck> checks = new ArrayList<>();
		for (int i = 0; i < codeableConcept.getCoding().size(); i++) {
			checks.add(check(codeableConcept.getCoding().get(i), null, "CodeableConcept.coding[" + i + "]"));
		}
		if (checks.isEmpty()) {
			throw TerminologyException.invalid("The codeableConcept has no coding to validate");
		}
		return checks;
	}

	private static CodingCheck check(Coding c, String display, String path) {
		return new CodingCheck(c.getSystem(), c.getVersion(), c.getCode(), c.hasDisplay() ? c.getDisplay() : display, path);
	}
}
