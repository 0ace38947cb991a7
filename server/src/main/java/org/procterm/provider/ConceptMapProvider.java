package org.procterm.provider;

import static org.procterm.provider.OperationInputs.isTrue;
import static org.procterm.provider.OperationInputs.rejectIfPresent;
import static org.procterm.provider.OperationInputs.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.procterm.engine.Canonical;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.translate.ConceptMapTranslator;
import org.procterm.engine.translate.TranslateRequest;
import org.procterm.engine.translate.TranslateResult;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.UriParam;

/**
 * ConceptMap: read, write and search go to HAPI's JPA store; {@code $translate} is procterm's
 * ({@link ConceptMapTranslator}). The maps come from the request ({@code conceptMap},
 * {@code tx-resource}) or from the store, read per request, so every node answers from the same
 * maps. R4's parameter names are the operation's; R5's ({@code sourceCode}, {@code targetCode}
 * and the like) are read too, as HL7's reference server reads them, a {@code target...} one
 * meaning a reverse translation.
 */
public class ConceptMapProvider extends TerminologyResourceProvider<ConceptMap> {

	/** The most stored ConceptMaps one translation reads; a client with more names the one it wants by url. */
	static final int MAX_STORED_MAPS = 50;

	ConceptMapProvider(IFhirResourceDao<ConceptMap> dao, TerminologyEngine terminology, ResourceSearch search) {
		super(dao, terminology, search);
	}

	@Override
	public Class<ConceptMap> getResourceType() {
		return ConceptMap.class;
	}

	@Operation(name = "$translate", idempotent = true)
	public Parameters translate(
			@IdParam(optional = true) IIdType id,
			@OperationParam(name = "url", max = 1) UriType url,
			@OperationParam(name = "conceptMap", max = 1) ConceptMap conceptMap,
			@OperationParam(name = "conceptMapVersion", max = 1) StringType conceptMapVersion,
			@OperationParam(name = "code", max = 1) CodeType code,
			@OperationParam(name = "system", max = 1) UriType system,
			@OperationParam(name = "version", max = 1) StringType version,
			@OperationParam(name = "source", max = 1) UriType source,
			@OperationParam(name = "coding", max = 1) Coding coding,
			@OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
			@OperationParam(name = "target", max = 1) UriType target,
			@OperationParam(name = "targetsystem", max = 1) UriType targetsystem,
			@OperationParam(name = "dependency") List<Parameters.ParametersParameterComponent> dependency,
			@OperationParam(name = "reverse", max = 1) BooleanType reverse,
			// R5's names
			@OperationParam(name = "sourceCode", max = 1) CodeType sourceCode,
			@OperationParam(name = "sourceSystem", max = 1) UriType sourceSystem,
			@OperationParam(name = "sourceVersion", max = 1) StringType sourceVersion,
			@OperationParam(name = "sourceCoding", max = 1) Coding sourceCoding,
			@OperationParam(name = "sourceCodeableConcept", max = 1) CodeableConcept sourceCodeableConcept,
			@OperationParam(name = "sourceScope", max = 1) UriType sourceScope,
			@OperationParam(name = "targetCode", max = 1) CodeType targetCode,
			@OperationParam(name = "targetCoding", max = 1) Coding targetCoding,
			@OperationParam(name = "targetCodeableConcept", max = 1) CodeableConcept targetCodeableConcept,
			@OperationParam(name = "targetScope", max = 1) UriType targetScope,
			@OperationParam(name = "targetSystem", max = 1) UriType targetSystem,
			@OperationParam(name = "tx-resource") List<IBaseResource> txResource,
			RequestDetails request) {
		rejectIfPresent("$translate", "dependency", dependency == null || dependency.isEmpty() ? null : dependency);
		boolean backwards = isTrue(reverse) || targetCode != null || targetCoding != null || targetCodeableConcept != null;
		String sys = first(value(system), value(sourceSystem));
		String ver = first(value(version), value(sourceVersion));
		List<Coding> codings = new ArrayList<>();
		add(codings, first(value(code), value(sourceCode), value(targetCode)), backwards && value(targetCode) != null ? first(value(targetSystem), sys) : sys, ver);
		for (Coding c : new Coding[] {coding, sourceCoding, targetCoding}) {
			if (c != null && !c.isEmpty()) {
				codings.add(c);
			}
		}
		for (CodeableConcept cc : new CodeableConcept[] {codeableConcept, sourceCodeableConcept, targetCodeableConcept}) {
			if (cc != null) {
				cc.getCoding().stream().filter(c -> c.hasCode()).forEach(codings::add);
			}
		}
		if (codings.isEmpty()) {
			throw TerminologyException.invalid(org.procterm.engine.Messages.TRANSLATE_NEEDS_CODE.text());
		}
		for (Coding c : codings) {
			if (!c.hasSystem() || !c.hasCode()) {
				throw TerminologyException.invalid(org.procterm.engine.Messages.TRANSLATE_NEEDS_SYSTEM.text(c.getCode()));
			}
		}
		// in a reverse translation R5's targetSystem names the code's own system; the system sought is then the source's
		String soughtSystem = value(targetsystem) != null ? value(targetsystem)
				: backwards && value(targetCode) != null ? sys : backwards ? null : value(targetSystem);
		List<ConceptMap> inline = inlineMaps(conceptMap, txResource);
		List<ConceptMap> maps = maps(instance(id, request), value(url), value(conceptMapVersion), inline, codings, backwards, request);
		TranslateRequest asked = new TranslateRequest(codings, first(value(source), value(sourceScope)), first(value(target), value(targetScope)),
				soughtSystem, backwards);
		TranslateResult result = new ConceptMapTranslator(canonical -> find(canonical, inline, request)).translate(maps, asked);
		return answer(result);
	}

	private static Parameters answer(TranslateResult result) {
		Parameters p = new Parameters();
		p.addParameter("result", new BooleanType(result.result()));
		if (result.message() != null) {
			p.addParameter("message", new StringType(result.message()));
		}
		for (TranslateResult.Match m : result.matches()) {
			Parameters.ParametersParameterComponent match = p.addParameter().setName("match");
			if (m.concept() != null) {
				match.addPart().setName("concept").setValue(m.concept());
			}
			match.addPart().setName("equivalence").setValue(new CodeType(m.equivalence()));
			// R4 names the map "source" (a uri); HL7's reference server answers R5's originMap, and uses
			// "source" for the source concept of a reverse translation: its answers are what clients read
			match.addPart().setName("originMap").setValue(new CanonicalType(m.originMap()));
			if (m.source() != null) {
				match.addPart().setName("source").setValue(m.source());
			}
		}
		return p;
	}

	/** The maps to use: the instance in the path, the one named by url, the ones sent, or the stored ones for these systems. */
	private List<ConceptMap> maps(ConceptMap instance, String url, String version, List<ConceptMap> inline, List<Coding> codings,
			boolean backwards, RequestDetails request) {
		if (instance != null) {
			return List.of(instance);
		}
		if (url != null) {
			String canonical = version != null ? url + "|" + version : url;
			return List.of(find(canonical, inline, request).orElseThrow(
					() -> TerminologyException.notFound(org.procterm.engine.Messages.CONCEPT_MAP_NOT_FOUND.text(canonical))));
		}
		if (!inline.isEmpty()) {
			return inline;
		}
		SearchParameterMap byUse = SearchParameterMap.newSynchronous();
		ca.uhn.fhir.rest.param.UriOrListParam anyOf = new ca.uhn.fhir.rest.param.UriOrListParam(); // maps for any of the codings' systems
		codings.stream().map(Coding::getSystem).distinct().forEach(system -> anyOf.addOr(new UriParam(system)));
		byUse.add(backwards ? ConceptMap.SP_TARGET_SYSTEM : ConceptMap.SP_SOURCE_SYSTEM, anyOf);
		return stored(byUse, request);
	}

	private Optional<ConceptMap> find(String reference, List<ConceptMap> inline, RequestDetails request) {
		Canonical canonical = Canonical.parse(reference);
		Optional<ConceptMap> sent = inline.stream().filter(m -> canonical.url().equals(m.getUrl())
				&& (canonical.version() == null || canonical.version().equals(m.getVersion()))).findFirst();
		if (sent.isPresent()) {
			return sent;
		}
		SearchParameterMap byUrl = SearchParameterMap.newSynchronous(ConceptMap.SP_URL, new UriParam(canonical.url()));
		if (canonical.version() != null) {
			byUrl.add(ConceptMap.SP_VERSION, new ca.uhn.fhir.rest.param.TokenParam(canonical.version()));
		}
		// the latest when several versions are held and none is named
		return stored(byUrl, request).stream().max(java.util.Comparator.comparing(ConceptMap::getVersion,
				java.util.Comparator.nullsFirst(org.procterm.engine.VersionOrder.INSTANCE)));
	}

	private List<ConceptMap> stored(SearchParameterMap query, RequestDetails request) {
		query.setLoadSynchronousUpTo(MAX_STORED_MAPS);
		query.setCount(MAX_STORED_MAPS);
		return getDao().search(query, request).getResources(0, MAX_STORED_MAPS).stream().map(ConceptMap.class::cast).toList();
	}

	private static List<ConceptMap> inlineMaps(ConceptMap conceptMap, List<IBaseResource> txResource) {
		List<ConceptMap> maps = new ArrayList<>();
		if (conceptMap != null && !conceptMap.isEmpty()) {
			maps.add(conceptMap);
		}
		if (txResource != null) {
			txResource.stream().filter(ConceptMap.class::isInstance).map(ConceptMap.class::cast).forEach(maps::add);
		}
		return maps;
	}

	private static void add(List<Coding> codings, String code, String system, String version) {
		if (code != null) {
			codings.add(new Coding(system, code, null).setVersion(version));
		}
	}

	@SafeVarargs
	private static <T> T first(T... values) {
		for (T v : values) {
			if (v != null) {
				return v;
			}
		}
		return null;
	}
}
