package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/** Every resource in the bundled FHIR package validates against R4 with zero errors. */
class BundledPackageValidationTest {

	@Test
	void everyBundledResourceValidatesWithZeroErrors() throws Exception {
		FhirContext fhir = FhirContext.forR4Cached();
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
		assertFalse(resources.isEmpty(), "the package holds resources");

		PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(fhir);
		resources.forEach(ours::addResource);
		FhirValidator validator = fhir.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhir), ours, new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir))));

		List<String> errors = new ArrayList<>();
		for (IBaseResource r : resources) {
			List<SingleValidationMessage> messages = validator.validateWithResult(r).getMessages();
			long count = messages.stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).count();
			System.out.printf("validated %-40s %d errors, %d messages%n", r.getIdElement().getValue(), count, messages.size());
			messages.stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
					.forEach(m -> errors.add(r.getIdElement().getValue() + " " + m.getLocationString() + ": " + m.getMessage()));
		}
		assertEquals(List.of(), errors);
	}
}
