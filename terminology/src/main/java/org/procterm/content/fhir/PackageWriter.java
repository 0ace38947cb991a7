package org.procterm.content.fhir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;

/**
 * Writes the folder of a FHIR NPM package ({@code package.json}, {@code .index.json} and one
 * {@code <Type>-<id>.json} per resource); the build then packs it as {@code package/} in a .tgz.
 */
public final class PackageWriter {

	private final FhirContext fhir;
	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	public PackageWriter(FhirContext fhir) {
		this.fhir = fhir;
	}

	public void write(Path dir, String name, String version, String description, List<Resource> resources) throws IOException {
		Files.createDirectories(dir);
		ObjectNode pkg = json.createObjectNode();
		pkg.put("name", name);
		pkg.put("version", version);
		pkg.put("description", description);
		pkg.putArray("fhirVersions").add("4.0.1");
		pkg.put("type", "fhir.ig");
		pkg.put("license", "CC-BY-4.0");
		pkg.put("canonical", Canonicals.BASE);
		pkg.putObject("dependencies").put("hl7.fhir.r4.core", "4.0.1");
		json.writeValue(dir.resolve("package.json").toFile(), pkg);

		ObjectNode index = json.createObjectNode();
		index.put("index-version", 1);
		ArrayNode files = index.putArray("files");
		var parser = fhir.newJsonParser().setPrettyPrint(true);
		for (Resource r : resources) {
			String file = r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json";
			Files.writeString(dir.resolve(file), parser.encodeResourceToString(r), StandardCharsets.UTF_8);
			ObjectNode entry = files.addObject();
			entry.put("filename", file);
			entry.put("resourceType", r.fhirType());
			entry.put("id", r.getIdElement().getIdPart());
			for (Map.Entry<String, String> e : canonical(r).entrySet()) {
				entry.put(e.getKey(), e.getValue());
			}
		}
		json.writeValue(dir.resolve(".index.json").toFile(), index);
	}

	private static Map<String, String> canonical(Resource r) {
		if (r instanceof org.hl7.fhir.r4.model.MetadataResource m) {
			return m.hasVersion() ? Map.of("url", m.getUrl(), "version", m.getVersion()) : Map.of("url", m.getUrl());
		}
		return Map.of();
	}
}
