package org.procterm.content;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.MarkdownText;
import org.procterm.content.model.Language;
import org.procterm.content.model.Section;
import org.procterm.provider.OperationErrors;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * {@code Library/$patient-section?code=63185&section=risks&language=es}: one section of one code's
 * patient page in one language, as Markdown and as an HTML fragment, so a portal can show a single
 * section without parsing the page. The section is read from the attachment its patient Library
 * tags with that section's code; the language is chosen from a preference list such as
 * {@code es-MX, en;q=0.5} (the parameter, else {@code Accept-Language}), falling back to English.
 */
public class PatientSectionProvider {

	private final IFhirResourceDao<Library> libraries;
	private final MarkdownText markdown = new MarkdownText();

	public PatientSectionProvider(IFhirResourceDao<Library> libraries) {
		this.libraries = libraries;
	}

	@Operation(name = "$patient-section", type = Library.class, idempotent = true)
	public Parameters patientSection(
			@OperationParam(name = "code", min = 1, max = 1) CodeType code,
			@OperationParam(name = "section", min = 1, max = 1) CodeType section,
			@OperationParam(name = "language", max = 1) CodeType language,
			RequestDetails request) {
		String codeValue = required(code, "code", "the procedure code, e.g. code=63185");
		if (!codeValue.matches("[A-Za-z0-9.]{1,20}")) {
			throw invalid("The code '" + codeValue + "' is not a procedure code (letters, digits and dots, at most 20)");
		}
		Section wanted = Section.byCode(required(section, "section", "a section code, e.g. section=risks"))
				.filter(s -> s.parent() == null)
				.orElseThrow(() -> invalid("Unknown section '" + section.getValue() + "'. Sections: " + sectionCodes()));
		Language chosen = chooseLanguage(language == null ? null : language.getValue(), request.getHeader("Accept-Language"));

		Library library = read(codeValue);
		Attachment part = part(library, wanted, chosen).or(() -> part(library, wanted, Language.EN))
				.orElseThrow(() -> new ResourceNotFoundException("The page for CPT " + codeValue + " has no section '" + wanted.code() + "'",
						OperationErrors.outcome(OperationOutcome.IssueType.NOTFOUND,
								"The page for CPT " + codeValue + " has no section '" + wanted.code() + "' (a generated section appears only when its facts exist)")));
		String text = new String(part.getData(), StandardCharsets.UTF_8);
		Parameters out = new Parameters();
		out.addParameter("code", new CodeType(codeValue));
		out.addParameter().setName("section").setValue(new Coding(Canonicals.PATIENT_SECTION_SYSTEM, wanted.code(), wanted.title(Language.EN)));
		out.addParameter("language", new CodeType(part.getLanguage()));
		out.addParameter("title", new StringType(part.getTitle()));
		out.addParameter("markdown", new StringType(text));
		out.addParameter("html", new StringType(markdown.html(text)));
		out.addParameter("status", new CodeType(library.getStatus().toCode()));
		return out;
	}

	private Library read(String code) {
		try {
			return libraries.read(new IdType("Library", Canonicals.libraryId(code)));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			String message = "No patient information is held for CPT code '" + code + "'";
			throw new ResourceNotFoundException(message, OperationErrors.outcome(OperationOutcome.IssueType.NOTFOUND, message));
		}
	}

	private static Optional<Attachment> part(Library library, Section section, Language language) {
		return library.getContent().stream()
				.filter(a -> language.tag().equals(a.getLanguage()))
				.filter(a -> a.getExtensionsByUrl(Canonicals.PATIENT_SECTION_EXTENSION).stream()
						.anyMatch(e -> e.getValue() instanceof Coding c && section.code().equals(c.getCode())))
				.findFirst();
	}

	/**
	 * The language asked for: the parameter (a malformed one is the client's mistake), else the
	 * Accept-Language header (a malformed one is passed over, as browsers send odd ones), else English.
	 */
	static Language chooseLanguage(String parameter, String header) {
		if (parameter != null && !parameter.isBlank()) {
			try {
				java.util.Locale.LanguageRange.parse(parameter);
			} catch (RuntimeException e) { // IllegalArgumentException, or for "-" the JDK's own index error
				throw invalid("The language '" + parameter + "' is not a language tag or preference list (e.g. es, or es-MX, en;q=0.5)");
			}
			return Language.preferred(parameter).orElse(Language.EN);
		}
		return Language.preferred(header).orElse(Language.EN);
	}

	private static String required(CodeType value, String name, String example) {
		if (value == null || value.getValue() == null || value.getValue().isBlank()) {
			throw invalid("The parameter '" + name + "' is required: " + example);
		}
		return value.getValue().trim();
	}

	private static String sectionCodes() {
		return Arrays.stream(Section.values()).filter(s -> s.parent() == null).map(Section::code).collect(Collectors.joining(", "));
	}

	private static InvalidRequestException invalid(String message) {
		return new InvalidRequestException(message, OperationErrors.outcome(OperationOutcome.IssueType.INVALID, message));
	}
}
