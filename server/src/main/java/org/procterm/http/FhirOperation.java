package org.procterm.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The FHIR operations procterm serves, each with what the request handling needs to know of it:
 * whether anyone may call it ({@code readOnly}), whether its answer is tagged for revalidation
 * ({@code cacheable}), and how its request body is taken ({@link Body}). One list, so a new
 * operation is added in one place, and one that is not listed here is a write to the guard.
 */
public enum FhirOperation {
	LOOKUP("$lookup", true, true, true, Body.OPERATION),
	VALIDATE_CODE("$validate-code", true, true, true, Body.OPERATION),
	VALIDATE_CODE_SET("$validate-code-set", true, true, true, Body.OPERATION),
	EXPAND("$expand", true, true, true, Body.OPERATION),
	SUBSUMES("$subsumes", true, true, true, Body.OPERATION),
	/** Reads stored ConceptMaps per request, which the engine's content tag does not follow: not tagged. */
	TRANSLATE("$translate", true, false, false, Body.OPERATION),
	/** Several $validate-code requests in one POST. */
	BATCH_VALIDATE_CODE("$batch-validate-code", true, false, true, Body.OPERATION),
	DIFF("$diff", true, false, true, Body.OPERATION),
	PATIENT_SECTION("$patient-section", true, false, false, Body.OPERATION),
	META("$meta", true, false, false, Body.OPERATION),
	/** The FHIR versions the endpoint speaks. */
	VERSIONS("$versions", true, false, false, Body.OPERATION),
	/** A whole resource to validate: sized as a write. */
	VALIDATE("$validate", true, false, false, Body.WRITE_SIZED),
	IMPORT("$import", false, false, false, Body.STREAMED),
	IMPORT_CPT("$import-cpt", false, false, false, Body.STREAMED),
	IMPORT_PACKAGE("$import-package", false, false, false, Body.WRITE_SIZED);

	/** How a request body is taken: bounded as an operation's, bounded as a write's, or streamed to disk (imports). */
	public enum Body { OPERATION, WRITE_SIZED, STREAMED }

	private static final Map<String, FhirOperation> BY_NAME = Arrays.stream(values())
			.collect(Collectors.toUnmodifiableMap(FhirOperation::operationName, Function.identity()));

	private final String operationName;
	private final boolean readOnly;
	private final boolean cacheable;
	private final boolean engineOnly;
	private final Body body;

	FhirOperation(String operationName, boolean readOnly, boolean cacheable, boolean engineOnly, Body body) {
		this.operationName = operationName;
		this.readOnly = readOnly;
		this.cacheable = cacheable;
		this.engineOnly = engineOnly;
		this.body = body;
	}

	/** The operation named {@code name} (e.g. {@code $lookup}, any case), if procterm serves it. */
	public static Optional<FhirOperation> named(String name) {
		return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
	}

	public String operationName() {
		return operationName;
	}

	/** Whether anyone may call it: it changes nothing. */
	public boolean readOnly() {
		return readOnly;
	}

	/** Whether a GET of it answers with a content tag a client can revalidate. */
	public boolean cacheable() {
		return cacheable;
	}

	/**
	 * Whether the engine alone answers it when called on the type (not on a stored instance): so it
	 * is served while a start is still opening HAPI's store (see StoreGate).
	 */
	public boolean answeredByEngine() {
		return engineOnly;
	}

	/** The operations the engine alone answers, for people: "$lookup, $validate-code, ... and $diff". */
	public static String answeredByEngineList() {
		java.util.List<String> names = Arrays.stream(values()).filter(FhirOperation::answeredByEngine).map(FhirOperation::operationName).toList();
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	public Body body() {
		return body;
	}
}
