package org.procterm.engine.valueset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.Canonical;
import org.procterm.engine.EngineLimits;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.Messages;
import org.procterm.engine.codesystem.Standing;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.VersionRules;
import org.procterm.engine.codesystem.CodeSystemIndex;

/**
 * {@code ValueSet/$expand}: the value set's full content ({@link ValueSetExpander}, cached for
 * stored value sets), less what the request leaves out, filtered and paged ({@link TypeaheadPage}),
 * written as FHIR ({@link ExpansionWriter}).
 */
public final class ExpandOperation {

	private static final String EXPANSION_PARAMETER = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter";

	private final TerminologyContext context;

	/** @param context the request's context, with the value set's supplements already merged in */
	public ExpandOperation(TerminologyContext context) {
		this.context = context;
	}

	public ValueSet expand(ValueSet valueSet, ExpansionRequest request) {
		String stated = request.displayLanguage() == null ? statedDisplayLanguage(valueSet) : null;
		if (stated != null) {
			request = request.inLanguage(stated);
		}
		Expansion expansion = leftOut(fullExpansion(context, valueSet, request.versions()), request);
		TypeaheadPage page = TypeaheadPage.of(context.content(), expansion, request);
		int max = request.maxCodes(context.limits().maxExpansionSize());
		if (page.entries().size() > max) {
			throw TerminologyException.tooCostly(Messages.EXPANSION_TOO_LARGE.say(Canonical.of(valueSet), max));
		}
		return ExpansionWriter.write(valueSet, request, page.entries(), page.total(),
				entry -> context.content().codeSystem(entry.system(), entry.version()), drawnOn(valueSet, expansion));
	}

	/**
	 * The whole content of {@code valueSet} under {@code versions}. A stored value set's is worked out
	 * once per catalog and kept; one sent inline, or asked under version rules, is worked out each time.
	 */
	public static Expansion fullExpansion(TerminologyContext context, ValueSet valueSet, VersionRules versions) {
		ValueSetExpander expander = new ValueSetExpander(context.content(), Math.max(context.limits().maxExpansionSize(),
				EngineLimits.MAX_WORKING_SET), versions, context.deadline());
		// a value set found by URL is the catalog's own instance; one read by id or sent inline is compared in full
		boolean stored = valueSet.hasUrl() && context.content().valueSet(valueSet.getUrl(), valueSet.getVersion())
				.map(v -> v == valueSet || v.equalsDeep(valueSet)).orElse(false);
		if (!stored || !versions.equals(VersionRules.NONE)) {
			return Expansion.of(expander.expand(valueSet), expander.importedValueSets(), expander.codeSystemsRead());
		}
		return context.cachedExpansion(valueSet.getUrl() + "|" + valueSet.getVersion(),
				key -> Expansion.of(expander.expand(valueSet), expander.importedValueSets(), expander.codeSystemsRead()));
	}

	/**
	 * The display language a value set asks for when the client asks for none: a {@code displayLanguage}
	 * in HL7's {@code valueset-expansion-parameter} extension on its compose, else the language it is
	 * written in, whose readers expect its codes in it.
	 */
	public static String statedDisplayLanguage(ValueSet valueSet) {
		String stated = compositionParameter(valueSet, "displayLanguage");
		if (stated != null) {
			return stated;
		}
		return valueSet.hasLanguage() ? valueSet.getLanguage() : null;
	}

	/** An expansion parameter the value set sets for itself in HL7's {@code valueset-expansion-parameter} on its compose, or null. */
	public static String compositionParameter(ValueSet valueSet, String wanted) {
		for (Extension parameter : valueSet.getCompose().getExtensionsByUrl(EXPANSION_PARAMETER)) {
			Extension name = parameter.getExtensionByUrl("name");
			Extension value = parameter.getExtensionByUrl("value");
			if (name != null && value != null && name.hasValue() && value.hasValue() && wanted.equals(name.getValue().primitiveValue())) {
				return value.getValue().primitiveValue();
			}
		}
		return null;
	}

	/** {@code expansion} without the codes the request leaves out: abstract ones (excludeNotForUI) and those of excluded systems. */
	private static Expansion leftOut(Expansion expansion, ExpansionRequest request) {
		if (!request.excludeNotForUI() && request.excludeSystems().isEmpty()) {
			return expansion;
		}
		List<Canonical> systems = request.excludeSystems().stream().map(Canonical::parse).toList();
		return Expansion.of(expansion.entries().stream()
				.filter(e -> !(request.excludeNotForUI() && e.concept().notSelectable()))
				.filter(e -> systems.stream().noneMatch(s -> s.url().equals(e.system()) && (s.version() == null || VersionRules.matches(s.version(), e.version()))))
				.toList(), expansion.imports());
	}

	/** The code systems, supplements and value sets an expansion drew on, and which of them are not in good standing. */
	private ExpansionWriter.DrawnOn drawnOn(ValueSet valueSet, Expansion expansion) {
		List<CodeSystemIndex> codeSystems = expansion.used().stream()
				.flatMap(source -> context.content().codeSystem(source.system(), source.version())
						.filter(cs -> Objects.equals(cs.version(), source.version())).stream())
				.toList();
		Map<String, String> warnings = new LinkedHashMap<>();
		// told relative to the value set expanded, as HL7's reference server tells it (a draft value set of draft code systems says nothing)
		Standing user = Standing.of(valueSet);
		codeSystems.stream().filter(cs -> cs.standing().relativeTo(user) != null).forEach(cs -> warnings.put(cs.canonical(), cs.standing().relativeTo(user)));
		Stream.concat(Stream.of(valueSet), expansion.imports().stream())
				.filter(vs -> vs.hasUrl() && Standing.of(vs).relativeTo(user) != null).forEach(vs -> warnings.put(Canonical.of(vs), Standing.of(vs).relativeTo(user)));
		return new ExpansionWriter.DrawnOn(
				expansion.used().stream().map(s -> s.version() == null ? s.system() : s.system() + "|" + s.version()).toList(),
				codeSystems.stream().flatMap(cs -> cs.appliedSupplements().stream()).distinct().toList(),
				// a value set contained in the one expanded is part of it, not another value set it used
				expansion.imports().stream().filter(vs -> valueSet.getContained().stream().noneMatch(c -> c == vs))
						.map(Canonical::of).toList(), warnings,
				codeSystems.stream().filter(CodeSystemIndex::isWithheld).map(cs -> Messages.WITHHELD_NOTICE.text(cs.canonical())).distinct().toList(),
				codeSystems.stream().filter(CodeSystemIndex::isFragment).toList(), ValueSetExpander.versionsMatch(valueSet));
	}
}
