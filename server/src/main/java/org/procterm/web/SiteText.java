package org.procterm.web;

import org.procterm.content.model.Language;
import org.procterm.content.model.Localized;

/** Every word the web pages and the Infobutton feed show that is not patient content: the one place to change them, in each language. */
public enum SiteText {
	SKIP("Skip to the main content", "Saltar al contenido principal"),
	HOME_TITLE("What is this procedure?", "¿Qué es este procedimiento?"),
	HOME_INTRO("Type a few letters of a procedure's name, or the start of its CPT code. Each page explains the procedure in plain words,"
			+ " in English and Spanish.", "Escriba algunas letras del nombre de un procedimiento o el comienzo de su código CPT. Cada página"
			+ " explica el procedimiento con palabras sencillas, en inglés y en español."),
	SEARCH_LABEL("Search by procedure name or CPT code", "Buscar por nombre del procedimiento o código CPT"),
	SEARCH_BUTTON("Search", "Buscar"),
	SEARCH_HINT("For example: rhizo, spine, 632", "Por ejemplo: rizo, columna, 632"),
	SEARCH_TITLE("Search results", "Resultados de la búsqueda"),
	RESULTS_FOR("Results for", "Resultados para"),
	NO_RESULTS("No procedure matches. Try fewer letters or another word.", "Ningún procedimiento coincide. Pruebe con menos letras u otra palabra."),
	ALL_PAGES("Procedures with a patient page", "Procedimientos con página para pacientes"),
	LANGUAGE("Language", "Idioma"),
	NOT_FOUND_TITLE("We do not have a page for this code", "No tenemos una página para este código"),
	NOT_FOUND_TEXT("This server has no procedure with the code you asked for. Check the code, or search for the procedure by name.",
			"Este servidor no tiene ningún procedimiento con el código que pidió. Revise el código o busque el procedimiento por su nombre."),
	NO_PATIENT_PAGE("We have no plain-language page for this code yet. Ask your care team what it means for you.",
			"Todavía no tenemos una página con lenguaje sencillo para este código. Pregunte a su equipo de atención qué significa para usted."),
	FOR_DEVELOPERS("For developers", "Para desarrolladores"),
	DEVELOPERS_TEXT("The same content as standard FHIR resources from this server:", "El mismo contenido como recursos FHIR estándar de este servidor:"),
	PRINT("Print this page", "Imprimir esta página"),
	AMA_COPYRIGHT("CPT codes and descriptors are copyright the American Medical Association. All rights reserved.",
			"Los códigos y descriptores CPT son propiedad intelectual de la American Medical Association. Todos los derechos reservados."),
	TEXT_LICENCE("Patient text by the procterm team, licensed CC BY 4.0. It is for learning, not medical advice.",
			"Texto para pacientes del equipo de procterm, con licencia CC BY 4.0. Sirve para aprender y no es un consejo médico."),
	API_TITLE("procterm FHIR API", "API FHIR de procterm"),
	API_TEXT("This address is a FHIR R4 terminology server for programs, not a page for people. Send FHIR requests with"
			+ " Accept: application/fhir+json, or read a procedure's page on the site.",
			"Esta dirección es un servidor de terminología FHIR R4 para programas, no una página para personas. Envíe solicitudes FHIR con"
			+ " Accept: application/fhir+json, o lea la página de un procedimiento en el sitio."),
	FEED_TITLE("procterm patient and provider information", "Información de procterm para pacientes y profesionales"),
	CODING_FACTS("Coding facts for CPT", "Datos de codificación del CPT");

	private final Localized text;

	SiteText(String en, String es) {
		this.text = new Localized(en, es);
	}

	public String in(Language language) {
		return text.in(language);
	}
}
