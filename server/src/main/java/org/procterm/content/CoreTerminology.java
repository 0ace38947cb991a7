package org.procterm.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.BuiltInTerminology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.fhir.context.FhirContext;

/**
 * Reads the FHIR R4 core code systems and value sets that HAPI FHIR ships for R4 validation
 * (hapi-fhir-validation-resources-r4). Our own reader rather than HAPI's
 * DefaultProfileValidationSupport, because that one cannot list the terminology without also
 * parsing every StructureDefinition of the specification.
 */
public final class CoreTerminology implements BuiltInTerminology.Loader {

	private static final Logger log = LoggerFactory.getLogger(CoreTerminology.class);
	private static final List<String> BUNDLES = List.of("/org/hl7/fhir/r4/model/valueset/valuesets.xml",
			"/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml", "/org/hl7/fhir/r4/model/valueset/v2-tables.xml");

	private final FhirContext fhirContext;

	public CoreTerminology(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public BuiltInTerminology.Resources load() {
		long started = System.nanoTime();
		Map<String, CodeSystem> codeSystems = new HashMap<>();
		Map<String, ValueSet> valueSets = new HashMap<>();
		for (String location : BUNDLES) {
			try (InputStream in = CoreTerminology.class.getResourceAsStream(location)) {
				if (in == null) {
					throw new IllegalStateException("FHIR's core terminology is missing from the classpath: " + location);
				}
				Bundle bundle = fhirContext.newXmlParser().parseResource(Bundle.class, in);
				for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
					if (entry.getResource() instanceof CodeSystem cs && cs.hasUrl()) {
						codeSystems.putIfAbsent(cs.getUrl(), cs); // the first file is the specification's own
					} else if (entry.getResource() instanceof ValueSet vs && vs.hasUrl()) {
						valueSets.putIfAbsent(vs.getUrl(), vs);
					}
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		log.info("FHIR core terminology read: {} code systems, {} value sets in {} ms", codeSystems.size(), valueSets.size(),
				(System.nanoTime() - started) / 1_000_000);
		return new BuiltInTerminology.Resources(Map.copyOf(codeSystems), Map.copyOf(valueSets));
	}
}
