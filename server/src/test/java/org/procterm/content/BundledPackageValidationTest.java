package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.content.cpt.AmaReleaseReader;
import org.procterm.content.cpt.CptReleaseCodeSystem;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.TerminologyEngine;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * Every resource in the bundled FHIR package validates against R4 with zero errors, and so do the
 * resources procterm generates from it: a CPT release CodeSystem and an expansion using every
 * output option.
 */
class BundledPackageValidationTest {

	private final FhirContext fhir = FhirContext.forR4Cached();

	@Test
	void everyBundledResourceValidatesWithZeroErrors() throws Exception {
		List<IBaseResource> resources = bundled();
		assertFalse(resources.isEmpty(), "the package holds resources");
		assertEquals(List.of(), errors(resources, resources));
	}

	@Test
	void generatedReleaseCodeSystemsAndExpansionsValidateWithZeroErrors() throws Exception {
		List<IBaseResource> bundled = bundled();
		CodeSystem sample = bundled.stream().filter(r -> r instanceof CodeSystem cs && cs.getUrl().endsWith("/cpt"))
				.map(r -> (CodeSystem) r).findFirst().orElseThrow();
		CodeSystem release = CptReleaseCodeSystem.build(AmaReleaseReader.read(
				Path.of("../terminology/src/test/resources/cpt-releases/2026"), "2026", org.procterm.content.Progress.NONE), sample);

		TerminologyEngine engine = new TerminologyEngine(new org.procterm.engine.EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		engine.putCodeSystem("CodeSystem/cpt-2026", release);
		ValueSet all = new ValueSet();
		all.setUrl("http://example.org/vs/all-cpt");
		all.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		all.getCompose().addInclude().setSystem(release.getUrl());
		ValueSet expansion = engine.context().expand(all, ExpansionRequest.builder().offset(0).includeDesignations(true).activeOnly(false).excludeNested(false).displayLanguage("es").versions(org.procterm.engine.VersionRules.NONE.on(java.time.LocalDate.of(2026, 6, 1))).build()
				.withOutputs(true, List.of("bodyRegion", "parent", "definition"), List.of()));

		assertEquals(List.of(), errors(List.of(release, expansion), bundled));
	}

	private List<IBaseResource> bundled() throws Exception {
		NpmPackage npm;
		try (InputStream in = getClass().getResourceAsStream("/fhir-package/package.tgz")) {
			npm = NpmPackage.fromPackage(in);
		}
		List<IBaseResource> resources = new ArrayList<>();
		for (String file : npm.list("package")) {
			if (file.endsWith(".json") && !file.equals("package.json") && !file.startsWith(".")) {
				try (InputStream in = npm.load("package", file)) {
					resources.add(fhir.newJsonParser().parseResource(in));
				}
			}
		}
		return resources;
	}

	/** The errors R4 validation finds in {@code resources}, with {@code known} resolvable by canonical URL. */
	private List<String> errors(List<IBaseResource> resources, List<IBaseResource> known) {
		PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(fhir);
		known.forEach(ours::addResource);
		FhirValidator validator = fhir.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhir), ours, new CrossVersionPaths(fhir), new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir))));

		List<String> errors = new ArrayList<>();
		for (IBaseResource r : resources) {
			List<SingleValidationMessage> messages = validator.validateWithResult(r).getMessages();
			long count = messages.stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).count();
			System.out.printf("validated %-40s %d errors, %d messages%n", r.getIdElement().getValue(), count, messages.size());
			messages.stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
					.forEach(m -> errors.add(r.getIdElement().getValue() + " " + m.getLocationString() + ": " + m.getMessage()));
		}
		return errors;
	}

	/**
	 * Expansions carry R5's {@code property} elements as HL7's cross-version extensions. The
	 * validator checks those against HL7's table of R5 paths ({@code xver-paths-5.0.json}), which
	 * it downloads with HL7's packages and HAPI does not ship; this offline copy holds the two
	 * paths we use, as the R5 specification defines them.
	 */
	private static final class CrossVersionPaths implements ca.uhn.fhir.context.support.IValidationSupport {

		private final FhirContext fhir;

		CrossVersionPaths(FhirContext fhir) {
			this.fhir = fhir;
		}

		@Override
		public FhirContext getFhirContext() {
			return fhir;
		}

		@Override
		public byte[] fetchBinary(String key) {
			try (InputStream in = getClass().getResourceAsStream("/xver/" + key)) {
				return in == null ? null : in.readAllBytes();
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
	}
}
