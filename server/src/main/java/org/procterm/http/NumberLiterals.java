package org.procterm.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds on a number written in a request, checked before anything parses it. A decimal such as
 * {@code 1e999999999} is 11 characters, but turned into plain digits (as FHIR's decimal type does)
 * it is a billion: one short request could fill the heap. FHIR decimals need neither exponents of
 * hundreds nor hundreds of digits.
 */
final class NumberLiterals {

	public static final int MAX_LENGTH = 100;
	public static final int MAX_EXPONENT = 400;

	/** Possessive throughout, so a long run of digits that turns out not to be a number costs one pass, never a backtrack. */
	private static final Pattern NUMBER = Pattern.compile("\\s*+[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE]([+-]?+\\d++))?+\\s*+");

	private NumberLiterals() {}

	/** Why a number as written is refused, or null when it is within bounds (or not a number at all). */
	static String problem(String text) {
		Matcher m = NUMBER.matcher(text);
		if (!m.matches()) {
			return null;
		}
		String shown = text.length() > 40 ? text.strip().substring(0, 40) + "…" : text.strip();
		if (text.strip().length() > MAX_LENGTH) {
			return "The number '" + shown + "' has more than " + MAX_LENGTH + " characters; this server accepts shorter numbers only";
		}
		String exponent = m.group(1);
		if (exponent != null) {
			String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
			if (digits.length() > 4 || Integer.parseInt(digits) > MAX_EXPONENT) {
				return "The number '" + shown + "' has an exponent beyond " + MAX_EXPONENT + " either way; write it with a smaller exponent";
			}
		}
		return null;
	}
}
