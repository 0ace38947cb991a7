package org.procterm.engine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * When a version of a code system or value set takes effect, for the {@code date} parameter: HL7's
 * {@code codesystem-effectiveDate} or {@code valueset-effectiveDate} extension when present, else
 * the resource's {@code date}. Dates are compared by day, so no time zone can move a version across
 * midnight.
 */
public final class EffectiveDates {

	public static final String CODE_SYSTEM_EXTENSION = "http://hl7.org/fhir/StructureDefinition/codesystem-effectiveDate";
	public static final String VALUE_SET_EXTENSION = "http://hl7.org/fhir/StructureDefinition/valueset-effectiveDate";

	private EffectiveDates() {}

	/** The day {@code resource} takes effect, or null when it states none. */
	public static LocalDate of(MetadataResource resource) {
		for (String url : new String[] { CODE_SYSTEM_EXTENSION, VALUE_SET_EXTENSION }) {
			Extension ext = resource.getExtensionByUrl(url);
			if (ext != null && ext.getValue() instanceof DateType d && d.hasValue()) {
				return day(d.getValueAsString());
			}
		}
		return resource.hasDateElement() && resource.getDateElement().hasValue() ? day(resource.getDateElement().getValueAsString()) : null;
	}

	/**
	 * The day a FHIR date or dateTime names, its first day when only a year or month is given
	 * ({@code 2026} is 2026-01-01). A value that is not a FHIR date is a client mistake.
	 */
	public static LocalDate day(String fhirDate) {
		String text = fhirDate == null ? "" : fhirDate.trim();
		try {
			if (text.matches("\\d{4}")) {
				return LocalDate.of(Integer.parseInt(text), 1, 1);
			}
			if (text.matches("\\d{4}-\\d{2}")) {
				return LocalDate.parse(text + "-01");
			}
			if (text.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
				return LocalDate.parse(text.substring(0, 10));
			}
		} catch (DateTimeParseException e) {
			// falls through to the message below
		}
		throw TerminologyException.invalid("'" + fhirDate + "' is not a FHIR date; give one as 2026, 2026-03 or 2026-03-15");
	}
}
