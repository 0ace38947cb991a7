package org.procterm.engine;

/**
 * One coding a client asks us to validate; any part but the code may be absent. {@code path} is
 * where it sat in the request, for issue expressions: empty for the code/system/display parameters,
 * "Coding" for the coding parameter, "CodeableConcept.coding[n]" for a codeableConcept's codings.
 */
public record CodingCheck(String system, String version, String code, String display, String path, String sentVersion) {

	public CodingCheck(String system, String version, String code, String display, String path) {
		this(system, version, code, display, path, version);
	}

	public CodingCheck(String system, String version, String code, String display) {
		this(system, version, code, display, "");
	}

	/** This coding as if it had stated {@code version}; {@link #sentVersion} stays the one the client sent. */
	public CodingCheck withVersion(String version) {
		return new CodingCheck(system, version, code, display, path, sentVersion);
	}

	/** Whether this coding is one of a CodeableConcept's, which a value set judges as a whole. */
	public boolean inConcept() {
		return path != null && path.startsWith("CodeableConcept");
	}

	/** The FHIRPath of this coding as a whole: the coding, or the {@code code} parameter when it came as parameters. */
	public String codingExpression() {
		return path == null || path.isEmpty() ? "code" : path;
	}

	/** The FHIRPath of one element of this coding in the request. */
	public String expression(String element) {
		return path == null || path.isEmpty() ? element : path + "." + element;
	}
}
