package org.procterm.provider;

import static org.procterm.provider.OperationInputs.codingsToValidate;
import static org.procterm.provider.OperationInputs.day;
import static org.procterm.provider.OperationInputs.displayLanguage;
import static org.procterm.provider.OperationInputs.rejectIfPresent;
import static org.procterm.provider.OperationInputs.validationOptions;
import static org.procterm.provider.OperationInputs.value;
import static org.procterm.provider.OperationInputs.values;
import static org.procterm.provider.OperationInputs.versionRules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.TerminologyService;
import org.procterm.engine.ValidationOptions;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * CodeSystem: read, write and search go to HAPI's JPA store; {@code $lookup}, {@code $validate-code}
 * and {@code $subsumes} are answered by procterm's engine. Every parameter of the R4 operation
 * definitions is declared; the ones not honoured yet are refused with a 400, never ignored.
 */
public class CodeSystemProvider extends TerminologyResourceProvider<CodeSystem> {

	CodeSystemProvider(IFhirResourceDao<CodeSystem> dao, TerminologyEngine terminology, ResourceSearch search) {
		super(dao, terminology, search);
	}

	@Override
	public Class<CodeSystem> getResourceType() {
		return CodeSystem.class;
	}

	@Operation(name = "$lookup", idempotent = true)
	public Parameters lookup(
			@OperationParam(name = "code", max = 1) CodeType code,
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "version", max = 1) StringType version,
			@OperationParam(name = "coding", max = 1) Coding coding,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			@OperationParam(name = "property") List<CodeType> property,
			@OperationParam(name = "useSupplement") List<CanonicalType> useSupplement,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		String theCode = value(code);
		String theSystem = value(system);
		String theVersion = value(version);
		if (coding != null && !coding.isEmpty()) {
			if (theCode != null) {
				throw TerminologyException.invalid("$lookup takes either code (with system) or coding, not both");
			}
			theCode = coding.getCode();
			theSystem = coding.getSystem();
			theVersion = coding.hasVersion() ? coding.getVersion() : theVersion;
		}
		var properties = property == null ? java.util.Set.<String>of()
				: property.stream().map(CodeType::getValue).collect(Collectors.toSet());
		return ResultParameters.lookup(terminology(request, txResource, values(useSupplement)).lookup(
				new LookupRequest(theSystem, theVersion, theCode, displayLanguage(displayLanguage, request), properties, day(date))));
	}

	/** Type level ({@code CodeSystem/$validate-code?url=...}) or instance level ({@code CodeSystem/cpt/$validate-code}). */
	@Operation(name = "$validate-code", idempotent = true)
	public Parameters validateCode(
			@IdParam(optional = true) IIdType id,
			@OperationParam(name = "url", max = 1) UriType url,
			@OperationParam(name = "codeSystem", max = 1) CodeSystem codeSystem,
			@OperationParam(name = "code", max = 1) CodeType code,
			@OperationParam(name = "version", max = 1) StringType version,
			@OperationParam(name = "display", max = 1) StringType display,
			@OperationParam(name = "coding", max = 1) Coding coding,
			@OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "abstract", max = 1) BooleanType abstractAllowed,
			@OperationParam(name = "lenient-display-validation", max = 1) BooleanType lenientDisplay,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			@OperationParam(name = "system-version") List<CanonicalType> defaultSystemVersion,
			@OperationParam(name = "force-system-version") List<CanonicalType> forceSystemVersion,
			@OperationParam(name = "check-system-version") List<CanonicalType> checkSystemVersion,
			@OperationParam(name = "useSupplement") List<CanonicalType> useSupplement,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		rejectIfPresent("$validate-code", "codeSystem", codeSystem);
		CodeSystem instance = instance(id, request);
		String system = instance != null ? instance.getUrl() : value(url);
		String theVersion = instance != null && instance.hasVersion() ? instance.getVersion() : value(version);
		if (code != null && system == null) {
			throw TerminologyException.invalid("$validate-code with a code needs the url of its CodeSystem (or call it on a CodeSystem instance)");
		}
		return ResultParameters.validation(terminology(request, txResource, values(useSupplement)).validateInCodeSystem(
				codingsToValidate(value(code), system, theVersion, value(display), coding, codeableConcept),
				validationOptions(displayLanguage(displayLanguage, request), versionRules(defaultSystemVersion, forceSystemVersion,
						checkSystemVersion, date), abstractAllowed, lenientDisplay)), codeableConcept);
	}

	/**
	 * {@code CodeSystem/$validate-code-set}: the procedure codes reported together for one encounter
	 * ({@code code} with {@code system}, or {@code coding}, several of each), answered per code: valid or
	 * not, and for an add-on code whether one of its primary codes is in the set (naming the allowed
	 * primaries when none is), or that its primaries are not known here.
	 */
	@Operation(name = "$validate-code-set", idempotent = true)
	public Parameters validateCodeSet(
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "version", max = 1) StringType version,
			@OperationParam(name = "code") List<CodeType> code,
			@OperationParam(name = "coding") List<Coding> coding,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		List<CodingCheck> set = new ArrayList<>(); // the engine checks it is not empty and not too large
		if (code != null) {
			for (CodeType c : code) {
				set.add(new CodingCheck(value(system), value(version), c.getValue(), null, "code[" + set.size() + "]"));
			}
		}
		if (coding != null) {
			for (Coding c : coding) {
				set.add(new CodingCheck(c.getSystem(), c.hasVersion() ? c.getVersion() : value(version), c.getCode(), c.getDisplay(),
						"coding[" + set.size() + "]"));
			}
		}
		return ResultParameters.codeSet(terminology(request, txResource).checkCodeSet(set, ValidationOptions.DEFAULT));
	}

	@Operation(name = "$subsumes", idempotent = true)
	public Parameters subsumes(
			@IdParam(optional = true) IIdType id,
			@OperationParam(name = "codeA", max = 1) CodeType codeA,
			@OperationParam(name = "codeB", max = 1) CodeType codeB,
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "version", max = 1) StringType version,
			@OperationParam(name = "codingA", max = 1) Coding codingA,
			@OperationParam(name = "codingB", max = 1) Coding codingB,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		TerminologyService service = terminology(request, txResource);
		CodeSystem cs = instance(id, request);
		if (cs != null) {
			return doSubsumes(service, cs.getUrl(), cs.hasVersion() ? cs.getVersion() : value(version), codeA, codeB, codingA, codingB);
		}
		return doSubsumes(service, value(system), value(version), codeA, codeB, codingA, codingB);
	}

	private static Parameters doSubsumes(TerminologyService service, String system, String version, CodeType codeA, CodeType codeB,
			Coding codingA, Coding codingB) {
		String a = value(codeA);
		String b = value(codeB);
		if (codingA != null && !codingA.isEmpty()) {
			a = codingA.getCode();
			system = system != null ? system : codingA.getSystem();
		}
		if (codingB != null && !codingB.isEmpty()) {
			b = codingB.getCode();
			if (system != null && codingB.hasSystem() && !system.equals(codingB.getSystem())) {
				throw TerminologyException.invalid("$subsumes compares codes of one system; codingB is from " + codingB.getSystem() + ", not " + system);
			}
			system = system != null ? system : codingB.getSystem();
		}
		// required parameters are checked once, by the engine
		return ResultParameters.subsumption(service.subsumes(system, version, a, b));
	}
}
