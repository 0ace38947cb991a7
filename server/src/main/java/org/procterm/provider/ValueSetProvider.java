package org.procterm.provider;

import static org.procterm.provider.OperationInputs.codingsToValidate;
import static org.procterm.provider.OperationInputs.displayLanguage;
import static org.procterm.provider.OperationInputs.isTrue;
import static org.procterm.provider.OperationInputs.rejectIfPresent;
import static org.procterm.provider.OperationInputs.value;

import java.util.List;

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
import org.procterm.engine.TerminologyService;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.provider.BaseJpaResourceProvider;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletResponse;

/**
 * ValueSet: read, write and search go to HAPI's JPA store; {@code $expand} and
 * {@code $validate-code} are answered by procterm's engine. Every parameter of the R4 operation
 * definitions is declared; the ones not honoured yet are refused with a 400, never ignored.
 */
public class ValueSetProvider extends BaseJpaResourceProvider<ValueSet> {

	private final TerminologyService terminology;
	private final ResourceSearch search;

	ValueSetProvider(IFhirResourceDao<ValueSet> dao, TerminologyService terminology, ResourceSearch search) {
		super(dao);
		this.terminology = terminology;
		this.search = search;
	}

	@Override
	public Class<ValueSet> getResourceType() {
		return ValueSet.class;
	}

	@Search(allowUnknownParams = true)
	public IBundleProvider search(RequestDetails request, HttpServletResponse response, @Sort SortSpec sort) {
		return search.search(getDao(), request, sort, response);
	}

	/** The spec's $expand parameters that need more than the engine's first version; refused when sent. */
	private record NotYet(UriType context, CodeType contextDirection, DateTimeType date, List<StringType> designation,
			List<CanonicalType> excludeSystem, List<CanonicalType> systemVersion, List<CanonicalType> checkSystemVersion,
			List<CanonicalType> forceSystemVersion) {

		void reject() {
			rejectIfPresent("$expand", "context", context);
			rejectIfPresent("$expand", "contextDirection", contextDirection);
			rejectIfPresent("$expand", "date", date);
			rejectIfPresent("$expand", "designation", designation);
			rejectIfPresent("$expand", "exclude-system", excludeSystem);
			rejectIfPresent("$expand", "system-version", systemVersion);
			rejectIfPresent("$expand", "check-system-version", checkSystemVersion);
			rejectIfPresent("$expand", "force-system-version", forceSystemVersion);
		}
	}

	@Operation(name = "$expand", idempotent = true)
	public ValueSet expand(
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
			@OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
			@OperationParam(name = "excludeNested", max = 1) BooleanType excludeNested,
			@OperationParam(name = "excludeNotForUI", max = 1) BooleanType excludeNotForUI,
			@OperationParam(name = "excludePostCoordinated", max = 1) BooleanType excludePostCoordinated,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			@OperationParam(name = "exclude-system") List<CanonicalType> excludeSystem,
			@OperationParam(name = "system-version") List<CanonicalType> systemVersion,
			@OperationParam(name = "check-system-version") List<CanonicalType> checkSystemVersion,
			@OperationParam(name = "force-system-version") List<CanonicalType> forceSystemVersion,
			RequestDetails request) {
		new NotYet(context, contextDirection, date, designation, excludeSystem, systemVersion, checkSystemVersion, forceSystemVersion).reject();
		ValueSet target = resolve(url, valueSet, valueSetVersion, "$expand");
		return doExpand(target, filter, offset, count, includeDesignations, includeDefinition, activeOnly, excludeNotForUI,
				displayLanguage, request);
	}

	@Operation(name = "$expand", idempotent = true)
	public ValueSet expandInstance(
			@IdParam IIdType id,
			@OperationParam(name = "filter", max = 1) StringType filter,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "offset", max = 1) IntegerType offset,
			@OperationParam(name = "count", max = 1) IntegerType count,
			@OperationParam(name = "includeDesignations", max = 1) BooleanType includeDesignations,
			@OperationParam(name = "designation") List<StringType> designation,
			@OperationParam(name = "includeDefinition", max = 1) BooleanType includeDefinition,
			@OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
			@OperationParam(name = "excludeNested", max = 1) BooleanType excludeNested,
			@OperationParam(name = "excludeNotForUI", max = 1) BooleanType excludeNotForUI,
			@OperationParam(name = "excludePostCoordinated", max = 1) BooleanType excludePostCoordinated,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			RequestDetails request) {
		new NotYet(null, null, date, designation, null, null, null, null).reject();
		ValueSet target = getDao().read(id, request);
		return doExpand(target, filter, offset, count, includeDesignations, includeDefinition, activeOnly, excludeNotForUI,
				displayLanguage, request);
	}

	private ValueSet doExpand(ValueSet target, StringType filter, IntegerType offset, IntegerType count,
			BooleanType includeDesignations, BooleanType includeDefinition, BooleanType activeOnly, BooleanType excludeNotForUI,
			CodeType displayLanguage, RequestDetails request) {
		// nested expansions are never produced, and no code here is post-coordinated, so those two flags hold as asked
		if (isTrue(includeDefinition)) {
			rejectIfPresent("$expand", "includeDefinition", includeDefinition);
		}
		if (isTrue(excludeNotForUI)) {
			rejectIfPresent("$expand", "excludeNotForUI", excludeNotForUI);
		}
		ExpansionRequest expansion = new ExpansionRequest(value(filter), offset == null ? 0 : offset.getValue(),
				count == null ? null : count.getValue(), isTrue(includeDesignations), isTrue(activeOnly),
				displayLanguage(displayLanguage, request));
		return terminology.expand(target, expansion);
	}

	@Operation(name = "$validate-code", idempotent = true)
	public Parameters validateCode(
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
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			RequestDetails request) {
		rejectIfPresent("$validate-code", "context", context);
		ValueSet target = resolve(url, valueSet, valueSetVersion, "$validate-code");
		return doValidate(target, code, system, systemVersion, display, coding, codeableConcept, date, abstractAllowed, displayLanguage, request);
	}

	@Operation(name = "$validate-code", idempotent = true)
	public Parameters validateCodeOnInstance(
			@IdParam IIdType id,
			@OperationParam(name = "code", max = 1) CodeType code,
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "systemVersion", max = 1) StringType systemVersion,
			@OperationParam(name = "display", max = 1) StringType display,
			@OperationParam(name = "coding", max = 1) Coding coding,
			@OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
			@OperationParam(name = "date", max = 1) DateTimeType date,
			@OperationParam(name = "abstract", max = 1) BooleanType abstractAllowed,
			@OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
			RequestDetails request) {
		return doValidate(getDao().read(id, request), code, system, systemVersion, display, coding, codeableConcept, date,
				abstractAllowed, displayLanguage, request);
	}

	private Parameters doValidate(ValueSet target, CodeType code, UriType system, StringType systemVersion, StringType display,
			Coding coding, CodeableConcept codeableConcept, DateTimeType date, BooleanType abstractAllowed,
			CodeType displayLanguage, RequestDetails request) {
		rejectIfPresent("$validate-code", "date", date);
		rejectIfPresent("$validate-code", "abstract", abstractAllowed);
		return ResultParameters.validation(terminology.validateInValueSet(target,
				codingsToValidate(value(code), value(system), value(systemVersion), value(display), coding, codeableConcept),
				displayLanguage(displayLanguage, request)));
	}

	/** The value set an operation works on: given inline, or stored and named by url (and version). */
	private ValueSet resolve(UriType url, ValueSet inline, StringType version, String operation) {
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
		return terminology.findValueSet(canonical.url(), theVersion);
	}
}
