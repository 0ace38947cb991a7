package org.procterm.engine.codesystem;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.procterm.engine.TerminologyException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/**
 * Reads a CodeSystem in FHIR JSON straight into a {@link CodeSystemIndex}, one concept at a time.
 * HAPI's parser would first build the whole resource as model objects, which for a million concepts
 * costs more memory than the index itself; here only the header (everything but {@code concept})
 * goes through HAPI's parser, and each concept is mapped from its JSON by hand. The property value
 * types are the ones R4 allows for a concept property.
 */
public final class CodeSystemJsonReader {

	/** The header of the code system read and its index. */
	public record Result(CodeSystem header, CodeSystemIndex index) {}

	private static final Map<String, Function<JsonNode, Type>> VALUE_TYPES = Map.of(
			"valueCode", n -> new CodeType(n.asText()),
			"valueString", n -> new StringType(n.asText()),
			"valueInteger", n -> new IntegerType(n.asInt()),
			"valueBoolean", n -> new BooleanType(n.asBoolean()),
			"valueDateTime", n -> new DateTimeType(n.asText()),
			"valueDecimal", n -> new DecimalType(n.decimalValue()),
			"valueCoding", CodeSystemJsonReader::coding);

	private final FhirContext fhir;
	private final ObjectMapper mapper = new ObjectMapper();

	public CodeSystemJsonReader(FhirContext fhir) {
		this.fhir = fhir;
	}

	/**
	 * Reads and indexes the code system in {@code json}.
	 *
	 * @throws TerminologyException (invalid) with the line and column of the first problem
	 */
	public Result read(InputStream json) {
		CodeSystemIndex.Builder builder = new CodeSystemIndex.Builder();
		ObjectNode header = mapper.createObjectNode();
		try (JsonParser parser = new JsonFactory(mapper).createParser(json)) {
			expect(parser, parser.nextToken() == JsonToken.START_OBJECT, "a CodeSystem must be a JSON object");
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if (field.equals("concept")) {
					expect(parser, parser.currentToken() == JsonToken.START_ARRAY, "'concept' must be an array");
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						JsonLocation at = parser.currentTokenLocation();
						addConcept(builder, parser.readValueAsTree(), null, at);
					}
				} else {
					header.set(field, parser.readValueAsTree());
				}
			}
			expect(parser, parser.nextToken() == null, "unexpected content after the CodeSystem");
		} catch (JsonProcessingException e) {
			JsonLocation at = e.getLocation();
			throw TerminologyException.invalid("The CodeSystem is not valid JSON"
					+ (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
		} catch (IOException e) {
			throw TerminologyException.invalid("The CodeSystem could not be read: " + e.getMessage());
		}
		if (!"CodeSystem".equals(header.path("resourceType").asText())) {
			throw TerminologyException.invalid("Expected a CodeSystem but resourceType is '" + header.path("resourceType").asText() + "'");
		}
		CodeSystem cs;
		try {
			cs = fhir.newJsonParser().parseResource(CodeSystem.class, header.toString());
		} catch (DataFormatException e) {
			throw TerminologyException.invalid("The CodeSystem's metadata is not valid FHIR R4: " + e.getMessage());
		}
		if (!cs.hasUrl()) {
			throw TerminologyException.invalid("The CodeSystem has no url, so no request could name it");
		}
		return new Result(cs, builder.build(cs));
	}

	private void addConcept(CodeSystemIndex.Builder builder, JsonNode concept, String parent, JsonLocation at) {
		String code = concept.path("code").asText(null);
		if (code == null || code.isBlank()) {
			throw TerminologyException.invalid("The concept at line " + at.getLineNr() + ", column " + at.getColumnNr() + " has no code");
		}
		List<Designation> designations = new ArrayList<>();
		for (JsonNode d : concept.path("designation")) {
			designations.add(new Designation(text(d, "language"), d.has("use") ? coding(d.get("use")) : null, text(d, "value"), null,
					echoed(d, true)));
		}
		List<PropertyValue> properties = new ArrayList<>();
		for (JsonNode p : concept.path("property")) {
			properties.add(new PropertyValue(text(p, "code"), value(p, code)));
		}
		builder.add(code, text(concept, "display"), text(concept, "definition"), designations, properties, parent, echoed(concept, false));
		for (JsonNode child : concept.path("concept")) {
			addConcept(builder, child, code, at);
		}
	}

	/** The extensions an expansion repeats (see EchoedExtensions), read from an element's extension array. */
	private static List<org.hl7.fhir.r4.model.Extension> echoed(JsonNode element, boolean onDesignation) {
		if (!element.has("extension")) {
			return List.of(); // the common case: no list per concept
		}
		List<org.hl7.fhir.r4.model.Extension> kept = new ArrayList<>();
		for (JsonNode e : element.path("extension")) {
			String url = text(e, "url");
			if (url != null && EchoedExtensions.kept(url, onDesignation)) {
				JsonNode id = e.get("valueId");
				Type value = id != null ? new org.hl7.fhir.r4.model.IdType(id.asText()) : VALUE_TYPES.entrySet().stream()
						.filter(t -> e.has(t.getKey())).map(t -> t.getValue().apply(e.get(t.getKey()))).findFirst().orElse(null);
				if (value != null) {
					kept.add(new org.hl7.fhir.r4.model.Extension(url, value));
				}
			}
		}
		return kept;
	}

	private static Type value(JsonNode property, String code) {
		for (var type : VALUE_TYPES.entrySet()) {
			JsonNode value = property.get(type.getKey());
			if (value != null) {
				return type.getValue().apply(value);
			}
		}
		throw TerminologyException.invalid("Property '" + text(property, "code") + "' of concept '" + code
				+ "' has no value of a type R4 allows (" + String.join(", ", VALUE_TYPES.keySet()) + ")");
	}

	private static Coding coding(JsonNode node) {
		return new Coding(text(node, "system"), text(node, "code"), text(node, "display"));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asText();
	}

	private static void expect(JsonParser parser, boolean condition, String message) {
		if (!condition) {
			JsonLocation at = parser.currentTokenLocation();
			throw TerminologyException.invalid(message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
		}
	}
}
