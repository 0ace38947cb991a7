package org.procterm.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Reads a JSON or XML body once, before HAPI parses it, for what would make parsing itself
 * unbounded: numbers whose plain form is huge (see {@link NumberLiterals}) and nesting deep
 * enough to exhaust the parser's stack. The JSON reader is set up as leniently as HAPI's (single
 * quotes, no size limits of its own: the body is already bounded), so whatever HAPI would read is
 * read here first; a body this scan cannot read is refused rather than passed on unchecked.
 */
final class BodyScan {

	static final int MAX_DEPTH = 500;

	private static final JsonFactory JSON = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
			.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
					.maxNumberLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build())
			.build();
	private static final XMLInputFactory XML = xmlFactory();

	private BodyScan() {}

	/** @return why the body is refused, or null */
	static String problem(byte[] body, boolean xml) {
		try {
			return xml ? xml(body) : json(body);
		} catch (JsonProcessingException e) {
			return "The request body is not well-formed JSON" + (e.getLocation() == null ? ""
					: " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
		} catch (XMLStreamException e) {
			return "The request body is not well-formed XML" + (e.getLocation() == null ? ""
					: " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")")
					+ "; entities and DTDs are not accepted";
		} catch (IOException | RuntimeException e) {
			return "The request body could not be read as " + (xml ? "XML" : "JSON") + " in UTF-8";
		}
	}

	private static String json(byte[] body) throws IOException {
		try (JsonParser p = JSON.createParser(body)) {
			int depth = 0;
			for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
				switch (t) {
					case START_OBJECT, START_ARRAY -> {
						if (++depth > MAX_DEPTH) {
							return tooDeep();
						}
					}
					case END_OBJECT, END_ARRAY -> depth--;
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> {
						// HAPI also reads a FHIR decimal written as a JSON string, so numeric strings count too
						String problem = NumberLiterals.problem(p.getText());
						if (problem != null) {
							return problem;
						}
					}
					default -> {
						// names, booleans and nulls cost nothing to parse
					}
				}
			}
			return null;
		}
	}

	private static String xml(byte[] body) throws XMLStreamException {
		XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(body));
		try {
			int depth = 0;
			while (r.hasNext()) {
				int event = r.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					if (++depth > MAX_DEPTH) {
						return tooDeep();
					}
					for (int i = 0; i < r.getAttributeCount(); i++) {
						String problem = NumberLiterals.problem(r.getAttributeValue(i));
						if (problem != null) {
							return problem;
						}
					}
				} else if (event == XMLStreamConstants.END_ELEMENT) {
					depth--;
				}
			}
			return null;
		} finally {
			r.close();
		}
	}

	private static String tooDeep() {
		return "The request body nests more than " + MAX_DEPTH + " levels deep, more than any FHIR resource needs";
	}

	private static XMLInputFactory xmlFactory() {
		XMLInputFactory f = XMLInputFactory.newFactory();
		f.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no entities: no XXE, no billion laughs
		f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		try {
			f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		} catch (IllegalArgumentException notSupported) {
			// DTDs are off already
		}
		return f;
	}
}
