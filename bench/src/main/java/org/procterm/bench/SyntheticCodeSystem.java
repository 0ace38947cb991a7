package org.procterm.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A deterministic procedure code system of any size: CPT-like six-digit codes under section
 * groupers, multi-word displays built from actions, body sites, approaches and segment counts,
 * typed properties, and designations in English and Spanish. The same size always gives the same
 * bytes, so every run measures the same content. Written as a stream, so a million concepts never
 * sit in memory.
 */
final class SyntheticCodeSystem {

	record Word(String en, String es) {}

	static final List<Word> ACTIONS = words("Fusion:Fusión", "Osteotomy:Osteotomía", "Laminectomy:Laminectomía",
			"Laminotomy:Laminotomía", "Discectomy:Discectomía", "Foraminotomy:Foraminotomía", "Corpectomy:Corpectomía",
			"Biopsy:Biopsia", "Rhizotomy:Rizotomía", "Arthrodesis:Artrodesis", "Decompression:Descompresión",
			"Stabilization:Estabilización", "Reconstruction:Reconstrucción", "Excision:Escisión", "Repair:Reparación",
			"Injection:Inyección", "Aspiration:Aspiración", "Drainage:Drenaje", "Fixation:Fijación", "Removal:Extracción",
			"Revision:Revisión", "Exploration:Exploración", "Augmentation:Aumento", "Kyphoplasty:Cifoplastia",
			"Vertebroplasty:Vertebroplastia", "Neurolysis:Neurólisis", "Implantation:Implantación", "Grafting:Injerto");
	static final List<Word> SITES = words("cervical spine:columna cervical", "thoracic spine:columna torácica",
			"lumbar spine:columna lumbar", "sacrum:sacro", "coccyx:cóccix", "spinal cord:médula espinal",
			"nerve root:raíz nerviosa", "facet joint:articulación facetaria", "intervertebral disc:disco intervertebral",
			"vertebral body:cuerpo vertebral", "lamina:lámina", "pedicle:pedículo", "spinous process:apófisis espinosa",
			"sacroiliac joint:articulación sacroilíaca", "dura:duramadre", "epidural space:espacio epidural",
			"odontoid:odontoides", "atlas:atlas", "axis:axis", "cervicothoracic junction:unión cervicotorácica",
			"thoracolumbar junction:unión toracolumbar", "lumbosacral junction:unión lumbosacra");
	static final List<Word> APPROACHES = words("posterior:posterior", "anterior:anterior", "lateral:lateral",
			"transforaminal:transforaminal", "endoscopic:endoscópico", "percutaneous:percutáneo", "open:abierto",
			"minimally invasive:mínimamente invasivo");
	static final List<String> REGIONS = List.of("cervical", "thoracic", "lumbar", "sacral");

	static final String URL_PREFIX = "http://procterm.org/fhir/bench/procedures-";
	static final int SECTION_SIZE = 1000;

	private SyntheticCodeSystem() {}

	static String url(int size) {
		return URL_PREFIX + size;
	}

	static String code(int i) {
		return String.format("%06d", 100000 + i);
	}

	static String display(int i) {
		Word action = ACTIONS.get(i % ACTIONS.size());
		Word site = SITES.get((i / ACTIONS.size()) % SITES.size());
		Word approach = APPROACHES.get((i / (ACTIONS.size() * SITES.size())) % APPROACHES.size());
		int segments = 1 + (i / (ACTIONS.size() * SITES.size() * APPROACHES.size())) % 6;
		return action.en() + " of " + site.en() + ", " + approach.en() + " approach, " + segments
				+ (segments == 1 ? " segment" : " segments") + (i % 7 == 0 ? ", with imaging guidance" : "");
	}

	private static String spanish(int i) {
		Word action = ACTIONS.get(i % ACTIONS.size());
		Word site = SITES.get((i / ACTIONS.size()) % SITES.size());
		Word approach = APPROACHES.get((i / (ACTIONS.size() * SITES.size())) % APPROACHES.size());
		int segments = 1 + (i / (ACTIONS.size() * SITES.size() * APPROACHES.size())) % 6;
		return action.es() + " de " + site.es() + ", abordaje " + approach.es() + ", " + segments + (segments == 1 ? " segmento" : " segmentos");
	}

	/** Writes the code system of {@code size} concepts (plus its section groupers) as gzip-compressed FHIR JSON. */
	static void write(int size, OutputStream target) throws IOException {
		try (JsonGenerator g = new JsonFactory().createGenerator(new GZIPOutputStream(target, 1 << 16), JsonEncoding.UTF8)) {
			g.writeStartObject();
			g.writeStringField("resourceType", "CodeSystem");
			g.writeStringField("id", "bench-procedures-" + size);
			g.writeStringField("url", url(size));
			g.writeStringField("version", "1");
			g.writeStringField("name", "BenchProcedures" + size);
			g.writeStringField("status", "active");
			g.writeBooleanField("caseSensitive", true);
			g.writeStringField("hierarchyMeaning", "is-a");
			g.writeStringField("content", "complete");
			g.writeArrayFieldStart("property");
			property(g, "bodyRegion", "code");
			property(g, "approach", "code");
			property(g, "segments", "integer");
			property(g, "addOn", "boolean");
			g.writeEndArray();
			g.writeArrayFieldStart("concept");
			for (int section = 0; section * SECTION_SIZE < size; section++) {
				g.writeStartObject();
				g.writeStringField("code", "S" + String.format("%04d", section));
				g.writeStringField("display", "Spine procedures, section " + (section + 1));
				g.writeArrayFieldStart("concept");
				for (int i = section * SECTION_SIZE; i < Math.min(size, (section + 1) * SECTION_SIZE); i++) {
					concept(g, i);
				}
				g.writeEndArray();
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeEndObject();
		}
	}

	private static void concept(JsonGenerator g, int i) throws IOException {
		g.writeStartObject();
		g.writeStringField("code", code(i));
		g.writeStringField("display", display(i));
		g.writeArrayFieldStart("designation");
		g.writeStartObject();
		g.writeStringField("language", "es");
		g.writeStringField("value", spanish(i));
		g.writeEndObject();
		g.writeEndArray();
		g.writeArrayFieldStart("property");
		g.writeStartObject();
		g.writeStringField("code", "bodyRegion");
		g.writeStringField("valueCode", REGIONS.get(i % REGIONS.size()));
		g.writeEndObject();
		g.writeStartObject();
		g.writeStringField("code", "approach");
		g.writeStringField("valueCode", APPROACHES.get((i / (ACTIONS.size() * SITES.size())) % APPROACHES.size()).en().replace(' ', '-'));
		g.writeEndObject();
		g.writeStartObject();
		g.writeStringField("code", "segments");
		g.writeNumberField("valueInteger", 1 + (i / (ACTIONS.size() * SITES.size() * APPROACHES.size())) % 6);
		g.writeEndObject();
		g.writeStartObject();
		g.writeStringField("code", "addOn");
		g.writeBooleanField("valueBoolean", i % 10 == 9);
		g.writeEndObject();
		g.writeEndArray();
		g.writeEndObject();
	}

	private static void property(JsonGenerator g, String code, String type) throws IOException {
		g.writeStartObject();
		g.writeStringField("code", code);
		g.writeStringField("type", type);
		g.writeEndObject();
	}

	/** A ValueSet of every code, and one of the lumbar codes (a property filter). */
	static String valueSetAll(int size) {
		return """
				{"resourceType": "ValueSet", "id": "bench-all-%1$d", "url": "%2$s/vs-all", "version": "1", "status": "active",
				 "compose": {"include": [{"system": "%2$s"}]}}""".formatted(size, url(size));
	}

	static String valueSetLumbar(int size) {
		return """
				{"resourceType": "ValueSet", "id": "bench-lumbar-%1$d", "url": "%2$s/vs-lumbar", "version": "1", "status": "active",
				 "compose": {"include": [{"system": "%2$s", "filter": [{"property": "bodyRegion", "op": "=", "value": "lumbar"}]}]}}"""
				.formatted(size, url(size));
	}

	private static List<Word> words(String... pairs) {
		return java.util.Arrays.stream(pairs).map(p -> p.split(":")).map(p -> new Word(p[0], p[1])).toList();
	}
}
