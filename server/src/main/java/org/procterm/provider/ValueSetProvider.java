package org.procterm.provider;

import static org.procterm.provider.OperationInputs.codingsToValidate;
import static org.procterm.provider.OperationInputs.day;
import static org.procterm.provider.OperationInputs.displayLanguage;
import static org.procterm.provider.OperationInputs.isTrue;
import static org.procterm.provider.OperationInputs.rejectIfPresent;
import static org.procterm.provider.OperationInputs.sent;
import static org.procterm.provider.OperationInputs.validationOptions;
import static org.procterm.provider.OperationInputs.value;
import static org.procterm.provider.OperationInputs.values;
import static org.procterm.provider.OperationInputs.versionRules;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.TerminologyService;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * ValueSet: read, write and search go to HAPI's JPA store; {@code $expand} and
 * {@code $validate-code} are answered by procterm's engine. Every parameter of the R4 operation
 * definitions is declared; the ones not honoured yet are refused with a 400, never ignored.
 */
public class ValueSetProvider extends TerminologyResourceProvider<ValueSet> {

	/**
	 * The $expand parameters that are declared (so that HAPI binds them) but refused: a context names
	 * a binding in a StructureDefinition, and this server holds none. TerminologyCapabilities lists
	 * every other declared parameter, derived from the operation's own declaration.
	 */
	static final java.util.Set<String> NOT_HONOURED_ON_EXPAND = java.util.Set.of("context", "contextDirection");

	ValueSetProvider(IFhirResourceDao<ValueSet> dao, TerminologyEngine terminology, ResourceSearch search) {
		super(dao, terminology, search);
	}

	@Override
	public Class<ValueSet> getResourceType() {
		return ValueSet.class;
	}

	/** Type level ({@code ValueSet/$expand?url=...} or an inline valueSet) or instance level ({@code ValueSet/x/$expand}). */
	@Operation(name = "$expand", idempotent = true)
	public ValueSet expand(
			@IdParam(optional = true) IIdType id,
			@OperationParam(name = "url", max = 1) UriType url,
			@OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
			@OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
			@OperationParam(name = "context", max = 1) UriType context,
			@OperationParam(name = "contextDirection", max = 1) CodeType contextDirection,
			@OperationParam(name = "filter", max = 1) StringType filter,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "offset", max = 1) IntegerType offset,
			@OperationParam(name = "count", max = 1) IntegerType count,
			@OperationParam(name = "includeDesignations", max = 1) BooleanType includeDesignations,
			@OperationParam(name = "designation") List<StringType> designation,
			@OperationParam(name = "includeDefinition", max = 1) BooleanType includeDefinition,
			@OperationParam(name = "property") List<StringType> property,
			@OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
			@OperationParam(name = "excludeNested", max = 1) BooleanType excludeNested,
			@OperationParam(name = "excludeNotForUI", max = 1) BooleanType excludeNotForUI,
			@OperationParam(name = "excludePostCoordinated", max = 1) BooleanType excludePostCoordinated,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			@OperationParam(name = "exclude-system") List<CanonicalType> excludeSystem,
			@OperationParam(name = "system-version") List<CanonicalType> defaultSystemVersion,
			@OperationParam(name = "check-system-version") List<CanonicalType> checkSystemVersion,
			@OperationParam(name = "force-system-version") List<CanonicalType> forceSystemVersion,
			@OperationParam(name = "default-valueset-version") List<CanonicalType> defaultValueSetVersion,
			@OperationParam(name = "useSupplement") List<CanonicalType> useSupplement,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		// a context names a binding in a StructureDefinition, which this server does not hold: refused when sent, never ignored
		rejectIfPresent("$expand", "context", context); // one of NOT_HONOURED_ON_EXPAND
		rejectIfPresent("$expand", "contextDirection", contextDirection);
		// excludePostCoordinated holds as asked: there is no post-coordination here
		TerminologyService service = terminology(request, txResource, values(useSupplement));
		ValueSet target = resolve(service, instance(id, request), url, valueSet, valueSetVersion, day(date), "$expand");
		return service.expand(target, ExpansionRequest.builder()
				.filter(value(filter)).offset(sent(offset)).count(sent(count)).includeDesignations(isTrue(includeDesignations))
				.activeOnly(sent(activeOnly)).excludeNested(sent(excludeNested)).displayLanguage(displayLanguage(displayLanguage, request))
				.versions(versionRules(defaultSystemVersion, forceSystemVersion, checkSystemVersion, date)
						.withValueSetVersions(values(defaultValueSetVersion)))
				.includeDefinition(isTrue(includeDefinition)).properties(values(property)).designations(values(designation))
				.excludeNotForUI(isTrue(excludeNotForUI)).excludeSystems(values(excludeSystem))
				.costlyThreshold(OperationInputs.costlyThreshold(request)).build());
	}

	@Operation(name = "$validate-code", idempotent = true)
	public Parameters validateCode(
			@IdParam(optional = true) IIdType id,
			@OperationParam(name = "url", max = 1) UriType url,
			@OperationParam(name = "context", max = 1) UriType context,
			@OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
			@OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
			@OperationParam(name = "code", max = 1) CodeType code,
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "systemVersion", max = 1) StringType systemVersion,
			@OperationParam(name = "display", max = 1) StringType display,
			@OperationParam(name = "coding", max = 1) Coding coding,
			@OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "abstract", max = 1) BooleanType abstractAllowed,
			@OperationParam(name = "lenient-display-validation", max = 1) BooleanType lenientDisplay,
			@OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
			@OperationParam(name = "inferSystem", max = 1) BooleanType inferSystem,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			@OperationParam(name = "system-version") List<CanonicalType> defaultSystemVersion,
			@OperationParam(name = "force-system-version") List<CanonicalType> forceSystemVersion,
			@OperationParam(name = "check-system-version") List<CanonicalType> checkSystemVersion,
			@OperationParam(name = "default-valueset-version") List<CanonicalType> defaultValueSetVersion,
			@OperationParam(name = "useSupplement") List<CanonicalType> useSupplement,
			@OperationParam(name = "valueset-membership-only", max = 1) BooleanType membershipOnly,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		rejectIfPresent("$validate-code", "context", context);
		TerminologyService service = terminology(request, txResource, values(useSupplement));
		ValueSet target = resolve(service, instance(id, request), url, valueSet, valueSetVersion, day(date), "$validate-code");
		return ResultParameters.validation(service.validateInValueSet(target,
				codingsToValidate(value(code), value(system), value(systemVersion), value(display), coding, codeableConcept),
				validationOptions(displayLanguage(displayLanguage, request), versionRules(defaultSystemVersion, forceSystemVersion,
						checkSystemVersion, date).withValueSetVersions(values(defaultValueSetVersion)), abstractAllowed, lenientDisplay).inValueSet(isTrue(activeOnly), isTrue(inferSystem))
						.membershipOnly(isTrue(membershipOnly))), codeableConcept);
	}

	/** The most entries one $batch-validate-code takes: each is a whole $validate-code. */
	static final int MAX_BATCH = 100;

	/**
	 * {@code ValueSet/$batch-validate-code}, as HL7's reference server offers it: each {@code validation}
	 * entry (a Parameters of $validate-code) is checked with the parameters at the top (the value set,
	 * tx-resources, options), its own parameters winning, and answered on its own: a $validate-code
	 * answer, or an OperationOutcome saying why that entry could not be checked. One bad entry never
	 * fails the others.
	 */
	@Operation(name = "$batch-validate-code", idempotent = false)
	public Parameters batchValidateCode(
			@OperationParam(name = "validation", max = OperationParam.MAX_UNLIMITED) List<Parameters> validation,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		if (validation == null || validation.isEmpty()) {
			throw TerminologyException.invalid(org.procterm.engine.Messages.BATCH_NEEDS_ENTRIES.text());
		}
		if (validation.size() > MAX_BATCH) {
			throw TerminologyException.invalid(org.procterm.engine.Messages.BATCH_TOO_LARGE.text(validation.size(), MAX_BATCH));
		}
		Parameters shared = requestBody(request);
		Parameters answer = new Parameters();
		OperationErrors errors = new OperationErrors();
		for (Parameters entry : validation) {
			Parameters merged = new Parameters();
			shared.getParameter().stream().filter(p -> !"validation".equals(p.getName()) && entry.getParameter(p.getName()) == null)
					.forEach(p -> merged.addParameter(p.copy()));
			entry.getParameter().forEach(p -> merged.addParameter(p.copy()));
			org.hl7.fhir.r4.model.Resource result;
			try {
				result = validateCode(merged, request);
			} catch (RuntimeException e) {
				result = (org.hl7.fhir.r4.model.Resource) errors.translate(e).getOperationOutcome();
			}
			answer.addParameter().setName("validation").setResource(result);
		}
		return answer;
	}

	/** The request's Parameters as sent (HAPI keeps the body it read; the top-level options are read from it). */
	private static Parameters requestBody(RequestDetails request) {
		ca.uhn.fhir.rest.api.EncodingEnum encoding = ca.uhn.fhir.rest.server.RestfulServerUtils.determineRequestEncodingNoDefault(request);
		byte[] body = request.loadRequestContents();
		if (encoding == null || body == null || body.length == 0) {
			return new Parameters();
		}
		return encoding.newParser(request.getFhirContext()).parseResource(Parameters.class,
				new String(body, java.nio.charset.StandardCharsets.UTF_8));
	}

	/** One $validate-code from its parameters as a Parameters resource (an entry of a batch); a value of the wrong type is the client's error. */
	private Parameters validateCode(Parameters p, RequestDetails request) {
		return validateCode(null, uri(p, "url"), uri(p, "context"),
				typed(resource(p, "valueSet"), ValueSet.class, "valueSet"), string(p, "valueSetVersion"), code(p, "code"), uri(p, "system"),
				string(p, "systemVersion"), string(p, "display"), typed(p.getParameterValue("coding"), Coding.class, "coding"),
				typed(p.getParameterValue("codeableConcept"), CodeableConcept.class, "codeableConcept"),
				date(p),
				bool(p, "abstract"), bool(p, "lenient-display-validation"), bool(p, "activeOnly"), bool(p, "inferSystem"),
				code(p, "displayLanguage"), canonicals(p, "system-version"), canonicals(p, "force-system-version"),
				canonicals(p, "check-system-version"), canonicals(p, "default-valueset-version"), canonicals(p, "useSupplement"),
				bool(p, "valueset-membership-only"),
				p.getParameters("tx-resource").stream().map(Parameters.ParametersParameterComponent::getResource).map(IBaseResource.class::cast).toList(),
				request);
	}

	private static DateTimeType date(Parameters p) {
		if (p.getParameterValue("date") == null) {
			return null;
		}
		try {
			return new DateTimeType(p.getParameterValue("date").primitiveValue());
		} catch (RuntimeException e) {
			throw TerminologyException.invalid("The parameter date must be a FHIR date or dateTime, not '" + p.getParameterValue("date").primitiveValue() + "'");
		}
	}

	private static <T> T typed(Object value, Class<T> type, String name) {
		if (value == null || type.isInstance(value)) {
			return type.cast(value);
		}
		throw TerminologyException.invalid("The parameter " + name + " must be a " + type.getSimpleName());
	}

	private static org.hl7.fhir.r4.model.Resource resource(Parameters p, String name) {
		Parameters.ParametersParameterComponent c = p.getParameter(name);
		return c == null ? null : c.getResource();
	}

	private static StringType string(Parameters p, String name) {
		return p.getParameterValue(name) == null ? null : new StringType(p.getParameterValue(name).primitiveValue());
	}

	private static CodeType code(Parameters p, String name) {
		return p.getParameterValue(name) == null ? null : new CodeType(p.getParameterValue(name).primitiveValue());
	}

	private static UriType uri(Parameters p, String name) {
		return p.getParameterValue(name) == null ? null : new UriType(p.getParameterValue(name).primitiveValue());
	}

	private static BooleanType bool(Parameters p, String name) {
		if (p.getParameterValue(name) == null) {
			return null;
		}
		String value = p.getParameterValue(name).primitiveValue();
		if (!"true".equals(value) && !"false".equals(value)) {
			throw TerminologyException.invalid("The parameter " + name + " must be true or false, not '" + value + "'");
		}
		return new BooleanType(value);
	}

	private static List<CanonicalType> canonicals(Parameters p, String name) {
		return p.getParameters(name).stream().filter(c -> c.getValue() != null).map(c -> new CanonicalType(c.getValue().primitiveValue())).toList();
	}

	/** The value set an operation works on: the instance in the path, given inline, or stored and named by url (and version). */
	private static ValueSet resolve(TerminologyService service, ValueSet instance, UriType url, ValueSet inline, StringType version,
			LocalDate date, String operation) {
		if (instance != null) {
			if (url != null && !url.isEmpty() || inline != null && !inline.isEmpty()) {
				throw TerminologyException.invalid(operation + " on ValueSet/" + instance.getIdElement().getIdPart()
						+ " works on that ValueSet; leave out url and valueSet");
			}
			return instance;
		}
		if (inline != null && !inline.isEmpty()) {
			if (url != null && !url.isEmpty()) {
				throw TerminologyException.invalid(operation + " takes either url or valueSet, not both");
			}
			return inline;
		}
		String theUrl = value(url);
		if (theUrl == null) {
			throw TerminologyException.invalid(operation + " needs the url of a ValueSet (e.g. ?url=http://...), a valueSet in the body, or a ValueSet id in the path");
		}
		var canonical = org.procterm.engine.Canonical.parse(theUrl);
		String theVersion = value(version) != null ? value(version) : canonical.version();
		return service.findValueSet(canonical.url(), theVersion, date);
	}
}
