package org.procterm.engine;

import java.util.Optional;

import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemIndex;

/** Where an operation finds the code systems and value sets it refers to. */
public interface ContentSource {

	/** The given version, or the latest when {@code version} is null. */
	Optional<CodeSystemIndex> codeSystem(String url, String version);

	/** The given version, or the latest when {@code version} is null. */
	Optional<ValueSet> valueSet(String url, String version);
}
