package org.procterm.provider;

import java.util.Date;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.procterm.engine.TerminologyEngine;
import org.procterm.engine.codesystem.CodeSystemIndex;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET [base]/metadata} answers HAPI's CapabilityStatement; with {@code ?mode=terminology} it
 * answers a TerminologyCapabilities listing the code systems and versions the engine serves and
 * the $expand parameters it honours (only those: a client should not be told of support we lack).
 */
public class CapabilitiesProvider extends JpaCapabilityStatementProvider {

	/** The $expand parameters honoured: those ValueSetProvider's $expand declares, less the ones it refuses. */
	static final List<String> EXPANSION_PARAMETERS = expandParameters();

	/** This build's version, from the build itself (procterm-build.properties is filled in by Maven). */
	static final String VERSION = org.procterm.BuildInfo.VERSION;

	static List<String> expandParameters() {
		return java.util.Arrays.stream(ValueSetProvider.class.getMethods())
				.filter(m -> m.isAnnotationPresent(ca.uhn.fhir.rest.annotation.Operation.class)
						&& m.getAnnotation(ca.uhn.fhir.rest.annotation.Operation.class).name().equals("$expand"))
				.flatMap(m -> java.util.Arrays.stream(m.getParameterAnnotations()).flatMap(java.util.Arrays::stream))
				.filter(a -> a instanceof ca.uhn.fhir.rest.annotation.OperationParam)
				.map(a -> ((ca.uhn.fhir.rest.annotation.OperationParam) a).name())
				.filter(name -> !ValueSetProvider.NOT_HONOURED_ON_EXPAND.contains(name))
				.distinct().sorted().toList();
	}

	private final TerminologyEngine engine;

	public CapabilitiesProvider(RestfulServer server, IFhirSystemDao<?, ?> systemDao, JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry, IValidationSupport validationSupport, TerminologyEngine engine) {
		super(server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		this.engine = engine;
	}

	/**
	 * HAPI caches a @Metadata answer regardless of its parameters, which would serve one mode's
	 * answer to the other; so HAPI's cache is off and the CapabilityStatement is kept here instead.
	 */
	@Override
	@Metadata(cacheMillis = 0)
	public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails requestDetails) {
		String[] mode = requestDetails.getParameters().get("mode");
		if (mode != null && mode.length > 0 && "terminology".equals(mode[0])) {
			return terminologyCapabilities();
		}
		Cached cached = capabilityStatement.get();
		if (cached == null || cached.expires() < System.currentTimeMillis()) {
			IBaseConformance statement = super.getServerConformance(request, requestDetails);
			if (statement instanceof org.hl7.fhir.r4.model.CapabilityStatement cs) {
				software(cs.getSoftware());
				features(cs);
				// who this is, and that it is a terminology server as FHIR defines one
				cs.setUrl("http://procterm.org/fhir/CapabilityStatement/procterm").setVersion(VERSION)
						.setName("ProcTermCapabilityStatement").setTitle("procterm FHIR R4 terminology server");
				if (cs.getInstantiates().stream().noneMatch(i -> TERMINOLOGY_SERVER.equals(i.getValue()))) {
					cs.addInstantiates(TERMINOLOGY_SERVER);
				}
			}
			cached = new Cached(statement, System.currentTimeMillis() + CACHE_MILLIS);
			capabilityStatement.set(cached);
		}
		return cached.statement();
	}

	private record Cached(IBaseConformance statement, long expires) {}

	/** FHIR's CapabilityStatement of a terminology server, which this server instantiates. */
	static final String TERMINOLOGY_SERVER = "http://hl7.org/fhir/CapabilityStatement/terminology-server";

	/** HL7's application-feature extension, by which terminology clients learn what a server does. */
	static final String FEATURE = "http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature";
	/**
	 * The version of HL7's terminology tests this build runs in its own test command
	 * (conformance/), as HL7's test-version feature declares it; which cases pass is in
	 * conformance/known-failures.txt, not claimed here.
	 */
	static final String TX_TESTS_VERSION = "1.9.0";

	/**
	 * The features HL7's terminology clients look for: the version of HL7's terminology tests this
	 * build runs, and that code systems may be sent as parameters (tx-resource).
	 */
	private static void features(org.hl7.fhir.r4.model.CapabilityStatement cs) {
		org.hl7.fhir.r4.model.Extension tests = cs.addExtension().setUrl(FEATURE);
		tests.addExtension("definition", new org.hl7.fhir.r4.model.CanonicalType("http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version"));
		tests.addExtension("value", new org.hl7.fhir.r4.model.CodeType(TX_TESTS_VERSION));
		org.hl7.fhir.r4.model.Extension inline = cs.addExtension().setUrl(FEATURE);
		inline.addExtension("definition", new org.hl7.fhir.r4.model.CanonicalType(
				"http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter"));
		inline.addExtension("value", new org.hl7.fhir.r4.model.BooleanType(true));
	}

	/** procterm, this build's version and the day it was built (HAPI would name itself). */
	private static void software(org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementSoftwareComponent software) {
		software.setName("procterm").setVersion(VERSION);
		if (org.procterm.BuildInfo.RELEASE_DATE != null) {
			software.setReleaseDateElement(new org.hl7.fhir.r4.model.DateTimeType(org.procterm.BuildInfo.RELEASE_DATE));
		}
	}

	private static final long CACHE_MILLIS = 60_000;
	private final java.util.concurrent.atomic.AtomicReference<Cached> capabilityStatement = new java.util.concurrent.atomic.AtomicReference<>();

	private TerminologyCapabilitiesStatement terminologyCapabilities() {
		TerminologyCapabilitiesStatement tc = new TerminologyCapabilitiesStatement();
		tc.setName("ProcTermTerminologyCapabilities");
		tc.setTitle("procterm terminology capabilities");
		tc.setVersion(VERSION);
		tc.setStatus(PublicationStatus.ACTIVE);
		tc.setDate(new Date());
		tc.setKind(TerminologyCapabilities.CapabilityStatementKind.INSTANCE);
		tc.getSoftware().setName("procterm").setVersion(VERSION);
		tc.setCodeSearch(TerminologyCapabilities.CodeSearchSupport.ALL);
		// stored code systems, then FHIR's own (answered for without being stored): one entry per URL, each version once
		java.util.Map<String, java.util.Set<String>> versions = new java.util.LinkedHashMap<>();
		for (CodeSystemIndex cs : engine.codeSystems()) {
			versions.computeIfAbsent(cs.url(), u -> new java.util.LinkedHashSet<>()).add(cs.version());
		}
		for (org.procterm.engine.Canonical cs : engine.builtInCodeSystems()) {
			versions.computeIfAbsent(cs.url(), u -> new java.util.LinkedHashSet<>()).add(cs.version());
		}
		versions.forEach((url, held) -> {
			TerminologyCapabilities.TerminologyCapabilitiesCodeSystemComponent entry = tc.addCodeSystem().setUri(url);
			held.stream().filter(java.util.Objects::nonNull).forEach(v -> entry.addVersion().setCode(v));
		});
		// hierarchical: with excludeNested=false, whole expansions come nested under their parents
		tc.getExpansion().setHierarchical(true).setPaging(true).setIncomplete(false)
				.setTextFilter("Every word of the filter must begin a word of the display or a designation, "
						+ "ignoring case and accents; a filter that begins the code matches too, and ranks first.");
		EXPANSION_PARAMETERS.forEach(p -> tc.getExpansion().addParameter().setName(p));
		tc.getValidateCode().setTranslations(false);
		return tc;
	}
}
