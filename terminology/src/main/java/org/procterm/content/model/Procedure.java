package org.procterm.content.model;

import java.util.Map;

/** A procedure code with its facts and its text in every language. */
public record Procedure(ProcedureFacts facts, Map<Language, ProcedureText> texts) {

	public Procedure {
		texts = Map.copyOf(texts);
	}

	public String code() {
		return facts.code();
	}

	public ProcedureText text(Language language) {
		return texts.get(language);
	}
}
