package org.procterm.content.fhir;

import java.util.function.Function;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.StringType;
import org.procterm.content.model.Language;

/**
 * Text in every language on one FHIR string: the English value, and each other language in R4's
 * {@code translation} extension (sub-extensions {@code lang} and {@code content}), which is how a
 * single R4 resource carries more than one language and what FHIR clients read.
 */
final class Translated {

	static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

	private Translated() {}

	/** Sets {@code element} to the English text and adds a translation per other language; returns the element. */
	static <T extends PrimitiveType<String>> T set(T element, Function<Language, String> text) {
		element.setValue(text.apply(Language.EN));
		for (Language l : Language.values()) {
			String value = l == Language.EN ? null : text.apply(l);
			if (value != null && !value.isBlank()) {
				Extension translation = element.addExtension().setUrl(TRANSLATION);
				translation.addExtension("lang", new CodeType(l.tag()));
				translation.addExtension("content", new StringType(value));
			}
		}
		return element;
	}
}
