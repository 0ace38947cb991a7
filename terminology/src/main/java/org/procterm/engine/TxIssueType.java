package org.procterm.engine;

/**
 * HL7's tx-issue-type codes ({@code http://hl7.org/fhir/tools/CodeSystem/tx-issue-type}): the finer
 * kind of a {@code $validate-code} finding that terminology clients and HL7's tests read. Rules are
 * steered by these constants, never by comparing strings.
 */
public enum TxIssueType {
	NOT_IN_VS("not-in-vs"),
	THIS_CODE_NOT_IN_VS("this-code-not-in-vs"),
	INVALID_CODE("invalid-code"),
	INVALID_DISPLAY("invalid-display"),
	DISPLAY_COMMENT("display-comment"),
	INVALID_DATA("invalid-data"),
	NOT_FOUND("not-found"),
	CANNOT_INFER("cannot-infer"),
	CODE_COMMENT("code-comment"),
	CODE_RULE("code-rule"),
	STATUS_CHECK("status-check"),
	VS_INVALID("vs-invalid"),
	VERSION_ERROR("version-error");

	private final String code;

	TxIssueType(String code) {
		this.code = code;
	}

	/** The code as HL7 writes it, e.g. {@code not-in-vs}. */
	public String code() {
		return code;
	}
}
