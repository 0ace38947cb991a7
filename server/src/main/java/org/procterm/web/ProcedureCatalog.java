package org.procterm.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.model.Language;
import org.procterm.engine.Access;
import org.procterm.engine.ExpansionRequest;
import org.procterm.engine.LookupRequest;
import org.procterm.engine.LookupResult;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TerminologyEngine;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * What the web pages and the Infobutton endpoint know about procedure codes, read from what this
 * server holds: the patient Libraries in the database and the CPT code system in the engine, as
 * anyone may see it (the pages are public: licensed CPT descriptors are never shown on them).
 * Nothing is fetched from elsewhere, so a descriptor is shown only where the server holds it (the
 * bundled sample or a licensee's imported release).
 */
final class ProcedureCatalog {

	private static final Pattern LIBRARY_ID = Pattern.compile("cpt-(.+)-patient-information");
	static final int MAX_RESULTS = 20;

	/** A patient page in one language: the Markdown of the whole page and what is said about it. */
	record PatientPage(Language language, String name, String markdown, String summary, java.util.Date updated) {}

	/** A code and the patient's name for it in the asked language: a search hit, or an entry of the list of pages. */
	record Named(String code, String name) {}

	private final IFhirResourceDao<Library> libraries;
	private final TerminologyEngine engine;
	private final org.procterm.content.fhir.MarkdownText markdown = new org.procterm.content.fhir.MarkdownText();

	ProcedureCatalog(IFhirResourceDao<Library> libraries, TerminologyEngine engine) {
		this.libraries = libraries;
		this.engine = engine;
	}

	/** The page in {@code language}, else in English; empty when the code has no patient page. */
	Optional<PatientPage> page(String code, Language language) {
		Optional<Library> library = library(code);
		if (library.isEmpty()) {
			return Optional.empty();
		}
		Library lib = library.get();
		Attachment page = wholePage(lib, language).or(() -> wholePage(lib, Language.EN)).orElse(null);
		if (page == null) {
			return Optional.empty();
		}
		Language shown = Language.ofTag(page.getLanguage()).orElse(Language.EN);
		String summary = section(lib, "summary", shown).map(a -> markdown.plain(text(a).replaceFirst("^##[^\n]*\n", "")))
				.orElse(lib.getDescription());
		return Optional.of(new PatientPage(shown, page.getTitle(), text(page), summary, lib.getMeta().getLastUpdated()));
	}

	/** The code as the CPT code system this server holds has it, with its properties; empty when it holds no such code. */
	Optional<LookupResult> lookup(String code, Language language) {
		try {
			return Optional.of(engine.context(Access.PUBLIC).lookup(new LookupRequest(Canonicals.CPT, null, code, language.tag(), java.util.Set.of())));
		} catch (TerminologyException notHeld) {
			return Optional.empty();
		}
	}

	/** Codes matching what a person typed (words of a name or a code prefix), ranked as typeahead ranks them. */
	List<Named> search(String query, Language language) {
		if (query == null || query.isBlank() || !engine.context(Access.PUBLIC).knowsCodeSystem(Canonicals.CPT)) {
			return List.of();
		}
		ValueSet all = new ValueSet();
		all.setStatus(PublicationStatus.ACTIVE);
		all.getCompose().addInclude().setSystem(Canonicals.CPT);
		ValueSet found;
		try {
			found = engine.context(Access.PUBLIC).expand(all, ExpansionRequest.builder().filter(query.strip()).offset(0).count(MAX_RESULTS).includeDesignations(true).activeOnly(true).displayLanguage(language.tag()).build());
		} catch (TerminologyException e) {
			return List.of();
		}
		List<Named> hits = new ArrayList<>();
		for (ValueSet.ValueSetExpansionContainsComponent c : found.getExpansion().getContains()) {
			String name = c.getDesignation().stream()
					.filter(d -> d.hasUse() && "consumer".equals(d.getUse().getCode()) && language.tag().equals(d.getLanguage()))
					.map(ValueSet.ConceptReferenceDesignationComponent::getValue).findFirst().orElse(c.getDisplay());
			hits.add(new Named(c.getCode(), name));
		}
		return hits;
	}

	/** Every code that has a patient page, with its name in {@code language} (else English), in code order: one search, no parsing. */
	List<Named> pages(Language language) {
		SearchParameterMap all = SearchParameterMap.newSynchronous();
		all.setCount(1000);
		List<Named> pages = new ArrayList<>();
		for (var r : libraries.search(all, new SystemRequestDetails()).getAllResources()) {
			Matcher m = LIBRARY_ID.matcher(r.getIdElement().getIdPart());
			if (m.matches() && r instanceof Library lib) {
				wholePage(lib, language).or(() -> wholePage(lib, Language.EN)).ifPresent(a -> pages.add(new Named(m.group(1), a.getTitle())));
			}
		}
		pages.sort(java.util.Comparator.comparing(Named::code));
		return pages;
	}

	private Optional<Library> library(String code) {
		if (!code.matches("[A-Za-z0-9.]{1,20}")) {
			return Optional.empty();
		}
		try {
			return Optional.of(libraries.read(new IdType("Library", Canonicals.libraryId(code)), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	private static Optional<Attachment> wholePage(Library lib, Language language) {
		return lib.getContent().stream().filter(a -> !a.hasExtension(Canonicals.PATIENT_SECTION_EXTENSION))
				.filter(a -> "text/markdown".equals(a.getContentType()) && language.tag().equals(a.getLanguage())).findFirst();
	}

	private static Optional<Attachment> section(Library lib, String sectionCode, Language language) {
		return lib.getContent().stream().filter(a -> language.tag().equals(a.getLanguage()))
				.filter(a -> a.getExtensionsByUrl(Canonicals.PATIENT_SECTION_EXTENSION).stream()
						.anyMatch(e -> e.getValue() instanceof org.hl7.fhir.r4.model.Coding c && sectionCode.equals(c.getCode())))
				.findFirst();
	}

	private static String text(Attachment a) {
		return new String(a.getData(), StandardCharsets.UTF_8);
	}
}
