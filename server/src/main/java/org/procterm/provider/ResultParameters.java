package org.procterm.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.procterm.engine.LookupResult;
import org.procterm.engine.Messages;
import org.procterm.engine.SubsumptionOutcome;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.Canonical;
import org.procterm.engine.ValidationResult;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.validation.AddOnPairing;

/** Writes engine results as the output Parameters the FHIR operations define. */
final class ResultParameters {

	static final String TX_ISSUE_TYPE = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";
	/** HL7's key for an issue's message (its I18nConstants name), as its reference server names it. */
	static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

	private ResultParameters() {}

	static Parameters lookup(LookupResult r) {
		Parameters p = new Parameters();
		if (r.name() != null) {
			p.addParameter("name", new StringType(r.name()));
		}
		if (r.version() != null) {
			p.addParameter("version", new StringType(r.version()));
		}
		if (r.display() != null) { // a concept the code system gives no display: no empty parameter (FHIR's inv-1)
			p.addParameter("display", new StringType(r.display()));
		}
		p.addParameter("code", new CodeType(r.code()));
		p.addParameter("system", new UriType(r.system()));
		if (r.definition() != null) {
			p.addParameter("definition", new StringType(r.definition()));
		}
		p.addParameter("abstract", new BooleanType(r.notSelectable()));
		for (Designation d : r.designations()) {
			Parameters.ParametersParameterComponent part = p.addParameter().setName("designation");
			if (d.language() != null) {
				part.addPart().setName("language").setValue(new CodeType(d.language()));
			}
			if (d.use() != null) {
				part.addPart().setName("use").setValue(d.use().copy());
			}
			if (d.source() != null) {
				part.addPart().setName("source").setValue(new org.hl7.fhir.r4.model.CanonicalType(d.source())); // R5's designation.source
			}
			part.addPart().setName("value").setValue(new StringType(d.value()));
		}
		r.usedSupplements().forEach(s -> p.addParameter("used-supplement", new org.hl7.fhir.r4.model.CanonicalType(s)));
		if (r.notice() != null) { // why the display is not the code system's own: told as $validate-code tells its notes
			p.addParameter().setName("issues").setResource(issues(List.of(ValidationIssue.information(
					OperationOutcome.IssueType.INFORMATIONAL, org.procterm.engine.TxIssueType.CODE_COMMENT, org.procterm.engine.Message.of(r.notice()), null))));
		}
		for (LookupResult.Property prop : r.properties()) {
			Parameters.ParametersParameterComponent part = p.addParameter().setName("property");
			part.addPart().setName("code").setValue(new CodeType(prop.code()));
			if (prop.value() != null) {
				part.addPart().setName("value").setValue(prop.value().copy());
			}
			if (prop.description() != null) {
				part.addPart().setName("description").setValue(new StringType(prop.description()));
			}
		}
		return sorted(p);
	}

	static Parameters validation(ValidationResult r, org.hl7.fhir.r4.model.CodeableConcept asked) {
		Parameters p = new Parameters();
		if (asked != null && !asked.isEmpty()) {
			p.addParameter().setName("codeableConcept").setValue(asked.copy()); // echoed, as the spec's examples do
		}
		p.addParameter("result", new BooleanType(r.valid()));
		if (r.message() != null) {
			p.addParameter("message", new StringType(r.message()));
		}
		if (!r.issues().isEmpty()) {
			p.addParameter().setName("issues").setResource(issues(r.issues()));
		}
		if (r.display() != null) {
			p.addParameter("display", new StringType(r.display()));
		}
		if (r.code() != null) {
			p.addParameter("code", new CodeType(r.code()));
		}
		if (r.normalizedCode() != null) { // the code as its case-insensitive code system writes it
			p.addParameter("normalized-code", new CodeType(r.normalizedCode()));
		}
		if (r.system() != null) {
			p.addParameter("system", new UriType(r.system()));
		}
		if (r.version() != null) {
			p.addParameter("version", new StringType(r.version()));
		}
		if (r.inactive()) {
			p.addParameter("inactive", new BooleanType(true));
		}
		if (r.status() != null) {
			p.addParameter("status", new CodeType(r.status()));
		}
		if (r.unknownSystem() != null) {
			// HL7's names: a system the value set does not draw on is unknown; one it needs caused the answer
			p.addParameter().setName(r.unknownOutsideValueSet() ? "x-unknown-system" : "x-caused-by-unknown-system")
					.setValue(new org.hl7.fhir.r4.model.CanonicalType(r.unknownOutsideValueSet() ? Canonical.parse(r.unknownSystem()).url()
							: r.unknownSystem()));
		}
		return sorted(p);
	}

	/** The issues as an OperationOutcome, coded with HL7's tx-issue-type as terminology servers report them. */
	private static OperationOutcome issues(List<ValidationIssue> issues) {
		OperationOutcome oo = new OperationOutcome();
		for (ValidationIssue i : issues) {
			OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.fromCode(i.severity().name().toLowerCase(Locale.ROOT)))
					.setCode(i.type());
			issue.getDetails().addCoding().setSystem(TX_ISSUE_TYPE).setCode(i.txType().code());
			issue.getDetails().setText(i.text());
			if (i.expression() != null) {
				// FHIRPath only: R4 deprecates location, and HL7's reference server no longer sends it
				issue.addExpression(i.expression());
			}
			if (i.messageId() != null) {
				issue.addExtension(MESSAGE_ID, new StringType(i.messageId()));
			}
		}
		return oo;
	}

	/** Output parameters in name order, as the reference servers write them. */
	private static Parameters sorted(Parameters p) {
		List<Parameters.ParametersParameterComponent> list = new ArrayList<>(p.getParameter());
		list.sort(Comparator.comparing(Parameters.ParametersParameterComponent::getName));
		p.setParameter(list);
		return p;
	}

	/**
	 * The answer of $validate-code-set: {@code result} (every code valid and no add-on without its
	 * primary), a {@code message} for what is wrong, and a {@code code} part per code reported.
	 */
	static Parameters codeSet(List<AddOnPairing.Checked> checked) {
		Parameters out = new Parameters();
		List<String> problems = new ArrayList<>();
		for (var c : checked) {
			if (!c.validation().valid()) {
				problems.add(c.validation().message() == null ? Messages.CODE_NOT_VALID.text(c.coding().code()) : c.validation().message());
			}
			if (c.pairing() == AddOnPairing.Pairing.MISSING_PRIMARY) {
				problems.add(Messages.ADD_ON_MISSING_PRIMARY.text(c.coding().code(), String.join(", ", c.allowedPrimaries())));
			}
		}
		out.addParameter("result", new BooleanType(problems.isEmpty()));
		checked.stream().filter(c -> c.pairing() == AddOnPairing.Pairing.CANNOT_CHECK)
				.forEach(c -> problems.add(Messages.ADD_ON_CANNOT_CHECK.text(c.coding().code())));
		if (!problems.isEmpty()) {
			out.addParameter("message", new StringType(String.join("; ", problems)));
		}
		for (var c : checked) {
			Parameters.ParametersParameterComponent part = out.addParameter().setName("code");
			part.addPart().setName("code").setValue(new CodeType(c.coding().code()));
			if (c.validation().system() != null) {
				part.addPart().setName("system").setValue(new UriType(c.validation().system()));
			}
			part.addPart().setName("valid").setValue(new BooleanType(c.validation().valid()));
			if (c.validation().display() != null) {
				part.addPart().setName("display").setValue(new StringType(c.validation().display()));
			}
			if (!c.validation().valid() && c.validation().message() != null) {
				part.addPart().setName("message").setValue(new StringType(c.validation().message()));
			} else if (c.validation().valid()) { // valid with a caution, e.g. a code a fragment code system cannot confirm
				c.validation().issues().stream().filter(i -> i.severity() == org.procterm.engine.ValidationIssue.Severity.WARNING).findFirst()
						.ifPresent(i -> part.addPart().setName("message").setValue(new StringType(i.text())));
			}
			part.addPart().setName("addOn").setValue(new CodeType(c.pairing().code()));
			if (c.pairing() == AddOnPairing.Pairing.MISSING_PRIMARY) {
				c.allowedPrimaries().forEach(p -> part.addPart().setName("allowedPrimary").setValue(new CodeType(p)));
			}
		}
		return out;
	}

	static Parameters subsumption(SubsumptionOutcome outcome) {
		Parameters p = new Parameters();
		p.addParameter("outcome", new CodeType(outcome.code()));
		return p;
	}
}
