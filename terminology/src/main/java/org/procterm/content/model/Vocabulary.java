package org.procterm.content.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coded values writers may use in front matter, with the words patients read for each.
 * Controlled so that the FHIR output is consistent and a typo is caught by the parser.
 */
public final class Vocabulary {

	public static final Map<String, Localized> BODY_REGIONS = ordered(
			"cervical", new Localized("neck (cervical spine)", "cuello (columna cervical)"),
			"thoracic", new Localized("upper and middle back (thoracic spine)", "parte alta y media de la espalda (columna torácica)"),
			"lumbar", new Localized("lower back (lumbar spine)", "parte baja de la espalda (columna lumbar)"));

	public static final Map<String, Localized> APPROACHES = ordered(
			"posterior", new Localized("through the back", "por la espalda"),
			"posterior-or-posterolateral", new Localized("through the back, or the back and side", "por la espalda, o por detrás y a un lado"));

	public static final Map<String, Localized> SETTINGS = ordered(
			"hospital", new Localized("hospital operating room", "quirófano de un hospital"),
			"surgical-center", new Localized("specialized surgery center", "centro quirúrgico especializado"),
			"childrens-hospital", new Localized("children's hospital operating room (for children)", "quirófano de un hospital infantil (para niños)"));

	public static final Map<String, Localized> CARE_TEAM = ordered(
			"spine-surgeon", new Localized("spine surgeon (orthopedic surgeon or neurosurgeon)", "cirujano de columna (ortopedista o neurocirujano)"),
			"anesthesiologist", new Localized("anesthesiologist (the doctor who keeps you asleep and safe)", "anestesiólogo (el médico que lo mantiene dormido y seguro)"),
			"surgical-nurse", new Localized("surgical nurses", "enfermeros quirúrgicos"),
			"surgical-technician", new Localized("operating room technicians", "técnicos de quirófano"),
			"neurosurgeon", new Localized("neurosurgeon (a surgeon for the brain, spine and nerves)", "neurocirujano (cirujano del cerebro, la columna y los nervios)"),
			"neurophysiology-team", new Localized("nerve-testing team (they check the nerves with small electrical pulses during surgery)",
					"equipo de pruebas de los nervios (revisa los nervios con pequeños impulsos eléctricos durante la cirugía)"),
			"physical-therapist", new Localized("physical therapists (they help you move and get stronger)", "fisioterapeutas (le ayudan a moverse y a recuperar fuerza)"));

	public static final Map<String, Localized> ANESTHESIA = ordered(
			"general", new Localized("general anesthesia (you are fully asleep)", "anestesia general (usted está completamente dormido)"));

	public static final Map<String, Localized> REVIEW_STATUS = ordered(
			"draft", new Localized("Written from published facts; not yet reviewed by a clinician.",
					"Escrito a partir de datos publicados; aún no revisado por un profesional clínico."),
			"clinician-reviewed", new Localized("Reviewed by a clinician.", "Revisado por un profesional clínico."));

	private Vocabulary() {}

	private static Map<String, Localized> ordered(Object... pairs) {
		Map<String, Localized> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], (Localized) pairs[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
	}
}
