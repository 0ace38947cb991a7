package org.procterm.engine.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupUnmappedMode;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.procterm.engine.Messages;

/**
 * {@code ConceptMap/$translate} over the ConceptMaps a request may use: for each concept asked
 * about, the targets its source elements map it to (or, in reverse, the source elements mapped to
 * it), limited to the code system and value sets asked for, with each group's {@code unmapped} rule
 * when nothing maps the code: {@code provided} (the same code in the target system), {@code fixed}
 * (one code) and {@code other-map} (another ConceptMap, each followed at most once per concept, so a
 * loop of maps ends and no map can make the work grow beyond the maps sent). The matches one answer
 * holds are bounded too ({@value #MAX_MATCHES}).
 */
public final class ConceptMapTranslator {

	/** The most matches one answer holds; a request whose maps yield more is too costly. */
	static final int MAX_MATCHES = 1000;

	private final Function<String, Optional<ConceptMap>> otherMap;

	/** @param otherMap finds the ConceptMap an {@code other-map} rule names by its canonical */
	public ConceptMapTranslator(Function<String, Optional<ConceptMap>> otherMap) {
		this.otherMap = otherMap;
	}

	public TranslateResult translate(List<ConceptMap> maps, TranslateRequest request) {
		List<TranslateResult.Match> matches = new ArrayList<>();
		for (Coding coding : request.codings()) {
			java.util.Set<String> followed = new java.util.HashSet<>(); // other-maps already followed for this concept
			for (ConceptMap map : maps) {
				if (inScope(map, request)) {
					translate(map, coding, request, matches, followed);
				}
			}
		}
		boolean found = matches.stream().anyMatch(m -> m.concept() != null && !"unmatched".equals(m.equivalence()) && !"disjoint".equals(m.equivalence()));
		String message = found ? null : Messages.NO_TRANSLATION.text(request.codings().stream()
				.map(c -> (c.hasSystem() ? c.getSystem() : "") + "#" + c.getCode()).reduce((a, b) -> a + ", " + b).orElse(""));
		return new TranslateResult(found, message, matches);
	}

	/** A map whose scopes are stated must be for the value sets asked for (swapped in reverse). */
	private static boolean inScope(ConceptMap map, TranslateRequest request) {
		String from = request.reverse() ? request.targetScope() : request.sourceScope();
		String to = request.reverse() ? request.sourceScope() : request.targetScope();
		return scopeMatches(from, map.hasSource() ? map.getSource().primitiveValue() : null)
				&& scopeMatches(to, map.hasTarget() ? map.getTarget().primitiveValue() : null);
	}

	private static boolean scopeMatches(String asked, String stated) {
		if (asked == null || stated == null) {
			return true;
		}
		return stated.equals(asked) || stated.startsWith(asked + "|") || asked.startsWith(stated + "|");
	}

	private void translate(ConceptMap map, Coding coding, TranslateRequest request, List<TranslateResult.Match> matches, java.util.Set<String> followed) {
		String origin = map.getUrl() + (map.hasVersion() ? "|" + map.getVersion() : "");
		for (ConceptMapGroupComponent group : map.getGroup()) {
			if (request.reverse()) {
				reverse(group, coding, request.targetSystem(), origin, matches);
				continue;
			}
			if (!Objects.equals(group.getSource(), coding.getSystem()) || !versionFits(group.getSourceVersion(), coding.getVersion())
					|| request.targetSystem() != null && !request.targetSystem().equals(group.getTarget())) {
				continue;
			}
			boolean mapped = false;
			for (SourceElementComponent element : group.getElement()) {
				if (!coding.getCode().equals(element.getCode())) {
					continue;
				}
				mapped = true;
				for (TargetElementComponent target : element.getTarget()) {
					Coding concept = target.hasCode() ? new Coding(group.getTarget(), target.getCode(), target.getDisplay()) : null;
					if (concept != null && group.hasTargetVersion()) {
						concept.setVersion(group.getTargetVersion());
					}
					matches.add(new TranslateResult.Match(concept, equivalence(target), origin, null));
				}
			}
			if (!mapped && group.hasUnmapped()) {
				unmapped(group, coding, request, matches, origin, followed);
			}
			if (matches.size() > MAX_MATCHES) {
				throw org.procterm.engine.TerminologyException.tooCostly(org.procterm.engine.Messages.TRANSLATE_TOO_COSTLY.text(MAX_MATCHES));
			}
		}
	}

	private void unmapped(ConceptMapGroupComponent group, Coding coding, TranslateRequest request, List<TranslateResult.Match> matches,
			String origin, java.util.Set<String> followed) {
		ConceptMap.ConceptMapGroupUnmappedComponent rule = group.getUnmapped();
		ConceptMapGroupUnmappedMode mode = rule.getMode();
		if (mode == ConceptMapGroupUnmappedMode.PROVIDED) {
			// the same code, read in the target system; how close the meaning is, the map does not say in R4
			matches.add(new TranslateResult.Match(new Coding(group.getTarget(), coding.getCode(), null), "inexact", origin, null));
		} else if (mode == ConceptMapGroupUnmappedMode.FIXED && rule.hasCode()) {
			matches.add(new TranslateResult.Match(new Coding(group.getTarget(), rule.getCode(), rule.getDisplay()), "inexact", origin, null));
		} else if (mode == ConceptMapGroupUnmappedMode.OTHERMAP && rule.hasUrl() && followed.add(rule.getUrl())) {
			otherMap.apply(rule.getUrl()).ifPresent(other -> translate(other, coding, request, matches, followed));
		}
	}

	/** Reverse: the source concepts mapped to {@code coding}; the answer names the concept asked about and, as source, each one found. */
	private static void reverse(ConceptMapGroupComponent group, Coding coding, String targetSystem, String origin, List<TranslateResult.Match> matches) {
		if (!Objects.equals(group.getTarget(), coding.getSystem()) || !versionFits(group.getTargetVersion(), coding.getVersion())
				|| targetSystem != null && !targetSystem.equals(group.getSource())) {
			return;
		}
		for (SourceElementComponent element : group.getElement()) {
			for (TargetElementComponent target : element.getTarget()) {
				if (coding.getCode().equals(target.getCode())) {
					Coding source = new Coding(group.getSource(), element.getCode(), element.getDisplay());
					if (group.hasSourceVersion()) {
						source.setVersion(group.getSourceVersion());
					}
					matches.add(new TranslateResult.Match(new Coding(group.getTarget(), target.getCode(), target.getDisplay()),
							equivalence(target), origin, source));
				}
			}
		}
	}

	private static boolean versionFits(String mapped, String asked) {
		return mapped == null || asked == null || mapped.equals(asked);
	}

	/** R4 makes the equivalence of a target required; a map without one is read as {@code equivalent}, R4's default meaning. */
	private static String equivalence(TargetElementComponent target) {
		ConceptMapEquivalence e = target.getEquivalence();
		return e == null || e == ConceptMapEquivalence.NULL ? "equivalent" : e.toCode();
	}
}
