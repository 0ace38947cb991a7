package org.procterm.content.parse;

import java.util.List;
import java.util.stream.Collectors;

/** The authored content has problems; every one of them is listed, each with its file and line. */
public class ContentException extends RuntimeException {

	private final List<ContentError> errors;

	public ContentException(List<ContentError> errors) {
		super(errors.stream().map(ContentError::toString).collect(Collectors.joining("\n")));
		this.errors = List.copyOf(errors);
	}

	public List<ContentError> errors() {
		return errors;
	}
}
