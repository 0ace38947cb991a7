package org.procterm.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.Access;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.LookupResult;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.ValidationResult;
import org.procterm.engine.ValidationOptions;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;

/**
 * The engine as the first member of HAPI's validation support chain, so that {@code $validate},
 * request validation and any HAPI-internal terminology call use the same answers as our operations.
 * HAPI's chain is not told which request it serves, so it sees content as a public client does:
 * licensed texts never reach a validation message.
 */
public class EngineValidationSupport implements IValidationSupport {

	private final FhirContext fhirContext;
	private final TerminologyEngine engine;

	public EngineValidationSupport(FhirContext fhirContext, TerminologyEngine engine) {
		this.fhirContext = fhirContext;
		this.engine = engine;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public String getName() {
		return "procterm engine";
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return system != null && engine.context(Access.PUBLIC).knowsCodeSystem(system);
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String url) {
		return url != null && engine.context(Access.PUBLIC).knowsValueSet(url);
	}

	@Override
	public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
		LookupCodeResult out = new LookupCodeResult().setSearchedForCode(request.getCode()).setSearchedForSystem(request.getSystem());
		try {
			Set<String> properties = request.getPropertyNames() == null ? Set.of() : Set.copyOf(request.getPropertyNames());
			LookupResult r = engine.context(Access.PUBLIC).lookup(new LookupRequest(request.getSystem(), null, request.getCode(), request.getDisplayLanguage(), properties));
			out.setFound(true);
			out.setCodeDisplay(r.display());
			out.setCodeSystemDisplayName(r.name());
			out.setCodeSystemVersion(r.version());
			out.setCodeIsAbstract(r.notSelectable());
			List<BaseConceptProperty> props = new ArrayList<>();
			for (LookupResult.Property p : r.properties()) {
				// HAPI's result type has only string, boolean and Coding properties; others travel as text
				if (p.value() instanceof BooleanType b) {
					props.add(new BooleanConceptProperty(p.code(), b.booleanValue()));
				} else if (p.value() instanceof Coding c) {
					props.add(new CodingConceptProperty(p.code(), c.getSystem(), c.getCode(), c.getDisplay()));
				} else if (p.value() != null) {
					props.add(new StringConceptProperty(p.code(), p.value().primitiveValue()));
				}
			}
			out.setProperties(props);
		} catch (TerminologyException e) {
			out.setFound(false).setErrorMessage(e.getMessage());
		}
		return out;
	}

	@Override
	public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, String valueSetUrl) {
		List<CodingCheck> check = List.of(new CodingCheck(system, null, code, display));
		try {
			if (valueSetUrl != null) {
				if (!engine.context(Access.PUBLIC).knowsValueSet(valueSetUrl)) {
					return null; // let the rest of the chain answer
				}
				return toHapi(engine.context(Access.PUBLIC).validateInValueSet(engine.context(Access.PUBLIC).findValueSet(valueSetUrl, null, null), check, ValidationOptions.DEFAULT));
			}
			return toHapi(engine.context(Access.PUBLIC).validateInCodeSystem(check, ValidationOptions.DEFAULT));
		} catch (TerminologyException e) {
			return new CodeValidationResult().setSeverity(IssueSeverity.ERROR).setMessage(e.getMessage());
		}
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, IBaseResource valueSet) {
		if (!(valueSet instanceof ValueSet vs)) {
			return null;
		}
		try {
			return toHapi(engine.context(Access.PUBLIC).validateInValueSet(vs, List.of(new CodingCheck(system, null, code, display)), ValidationOptions.DEFAULT));
		} catch (TerminologyException e) {
			return null; // e.g. a system we do not hold: another member of the chain may know it
		}
	}

	@Override
	public ValueSetExpansionOutcome expandValueSet(ValidationSupportContext context, ValueSetExpansionOptions options,
			IBaseResource valueSet) {
		if (!(valueSet instanceof ValueSet vs)) {
			return null;
		}
		try {
			return new ValueSetExpansionOutcome(engine.context(Access.PUBLIC).expand(vs, ExpansionRequest.all()));
		} catch (TerminologyException e) {
			return null;
		}
	}

	private static CodeValidationResult toHapi(ValidationResult r) {
		CodeValidationResult out = new CodeValidationResult()
				.setCode(r.valid() ? r.code() : null)
				.setDisplay(r.display())
				.setCodeSystemVersion(r.version())
				.setMessage(r.message());
		if (!r.valid()) {
			out.setSeverity(IssueSeverity.ERROR);
		}
		return out;
	}
}
