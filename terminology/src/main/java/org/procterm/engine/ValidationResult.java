package org.procterm.engine;

/**
 * What {@code $validate-code} answers. When the code is known, {@code display} carries its correct
 * display even if the result is false (e.g. a wrong display was sent).
 */
public record ValidationResult(boolean valid, String system, String version, String code, String display,
		String message, boolean inactive) {

	static ValidationResult invalid(CodingCheck check, String message) {
		return new ValidationResult(false, check.system(), check.version(), check.code(), null, message, false);
	}
}
