package org.procterm.engine.codesystem;

/** A property the code system declares: its code, URI, type (code, string, integer ...) and meaning. */
public record PropertyDefinition(String code, String uri, String type, String description) {}
