package org.procterm.engine;

/** One coding a client asks us to validate; any part but the code may be absent. */
public record CodingCheck(String system, String version, String code, String display) {}
