package org.procterm.engine.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.LookupResult;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.CptExpression;
import org.procterm.engine.codesystem.ModifierRules;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.codesystem.PropertyValue;
import org.procterm.engine.validation.DisplayCheck;

/** {@code CodeSystem/$lookup}: a code's display, designations and properties, in the language asked for. */
public final class Lookup {


	private final TerminologyContext context;

	public Lookup(TerminologyContext context) {
		this.context = context;
	}

	public LookupResult lookup(LookupRequest request) {
		if (request.code() == null || request.system() == null) {
			throw TerminologyException.invalid(Messages.LOOKUP_NEEDS_CODE.text());
		}
		CodeSystemIndex cs = context.codeSystemOrThrow(request.system(), request.version(), request.date());
		if (cs.isSupplement()) {
			throw TerminologyException.invalid(Messages.LOOKUP_IN_SUPPLEMENT.text(cs.canonical(), cs.supplements(), cs.canonical()));
		}
		Optional<CptExpression> expression = CptExpression.parse(cs.url(), request.code());
		if (expression.isPresent()) {
			return expression(request, cs, expression.get());
		}
		Concept concept = cs.find(request.code()).orElseThrow(() -> TerminologyException.notFound(
				Messages.CODE_NOT_IN_CODE_SYSTEM.text(request.code(), TerminologyContext.describe(cs))));

		List<LookupResult.Property> properties = new ArrayList<>();
		for (PropertyValue p : concept.properties()) {
			// a property derived from an extension is told only when asked for by name, as HL7's servers tell them
			if (request.wantsProperty(p.code()) && (!p.derived() || request.properties().contains(p.code()))) {
				properties.add(new LookupResult.Property(p.code(), p.value(), describeCodeValue(cs, p)));
			}
		}
		if (request.wantsProperty("inactive") && concept.propertiesNamed("inactive").isEmpty()) {
			properties.add(new LookupResult.Property("inactive", new BooleanType(concept.inactive()), null));
		}
		if (request.wantsProperty("parent")) {
			concept.parents().forEach(p -> properties.add(hierarchyProperty(cs, "parent", p)));
		}
		if (request.wantsProperty("child")) {
			concept.children().forEach(c -> properties.add(hierarchyProperty(cs, "child", c)));
		}
		List<Designation> designations = request.wantsProperty("designation") ? withDisplay(cs, concept) : List.of();
		return new LookupResult(cs.url(), cs.name(), cs.version(), concept.code(),
				DisplayCheck.displayFor(cs, concept, request.displayLanguage()), concept.definition(), concept.notSelectable(),
				designations, properties, cs.appliedSupplements(), cs.isWithheld() ? Messages.WITHHELD_NOTICE.text(cs.canonical()) : null);
	}

	/**
	 * A CPT expression ({@code 63185:59}): its code's properties, with {@code modified=true} and each
	 * modifier as a {@code modifier} property (its display as the description), as HL7's reference
	 * server answers. An invalid expression is NOT_FOUND, naming the part that is wrong.
	 */
	private LookupResult expression(LookupRequest request, CodeSystemIndex cs, CptExpression expression) {
		List<String> problems = ModifierRules.STANDARD.problems(cs, expression);
		if (!problems.isEmpty()) {
			throw TerminologyException.notFound(Messages.EXPRESSION_INVALID.text(CptExpression.quoted(request.code()), String.join("; ", problems)));
		}
		LookupResult base = lookup(new LookupRequest(request.system(), request.version(), expression.base(), request.displayLanguage(),
				request.properties(), request.date()));
		List<LookupResult.Property> properties = new ArrayList<>();
		for (LookupResult.Property p : base.properties()) {
			if (p.code().equals("modified")) {
				properties.add(new LookupResult.Property("modified", new BooleanType(true), null));
			} else if (!p.code().equals("modifier")) { // the code's modifier=false would contradict the modifiers listed below
				properties.add(p);
			}
		}
		if (request.wantsProperty("modifier")) {
			for (String modifier : expression.modifiers()) {
				properties.add(new LookupResult.Property("modifier", new CodeType(modifier), cs.find(modifier).map(Concept::display).orElse(null)));
			}
		}
		return new LookupResult(base.system(), base.name(), base.version(), request.code(), base.display(), base.definition(),
				base.notSelectable(), base.designations(), properties, base.usedSupplements(), base.notice());
	}

	/**
	 * A concept's designations with its display among them, in the language the code system states
	 * (when it states one and no designation says the same), so a client learns the display's
	 * language. It goes after the code system's own designations, before any from supplements.
	 */
	private static List<Designation> withDisplay(CodeSystemIndex cs, Concept concept) {
		if (cs.language() == null || concept.display() == null || concept.designations().stream()
				.anyMatch(d -> concept.display().equals(d.value()) && cs.language().equals(d.language()))) {
			return concept.designations();
		}
		List<Designation> all = new ArrayList<>();
		concept.designations().stream().filter(d -> d.source() == null).forEach(all::add);
		all.add(Designation.displayOfCodeSystem(cs.language(), concept.display()));
		concept.designations().stream().filter(d -> d.source() != null).forEach(all::add);
		return all;
	}

	private static String describeCodeValue(CodeSystemIndex cs, PropertyValue p) {
		if (p.value() instanceof CodeType code) {
			return cs.find(code.getValue()).map(Concept::display).orElse(null);
		}
		if (p.value() instanceof Coding coding && coding.hasDisplay()) {
			return coding.getDisplay();
		}
		return null;
	}

	private static LookupResult.Property hierarchyProperty(CodeSystemIndex cs, String name, String code) {
		return new LookupResult.Property(name, new CodeType(code), cs.find(code).map(Concept::display).orElse(null));
	}
}
