package org.procterm.content.model;

/**
 * How much patient text a procedure has. FULL: every section, for codes whose facts we hold in
 * full. PARTIAL: summary, purpose and how it differs from its siblings, plus any section whose
 * facts are known.
 */
public enum Coverage {
	FULL,
	PARTIAL
}
