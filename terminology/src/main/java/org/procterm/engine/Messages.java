package org.procterm.engine;

import java.util.Locale;

/**
 * The messages the engine's operations write for a client, in one place, worded as HL7's reference
 * server words them where HL7's tests compare the text (its {@code I18nConstants} keys are named
 * beside them), so wording is changed here and can be compared with HL7's published message files.
 * Arguments are filled in order ({@code %s}). Not yet here: the filter, code system reader, request
 * record and date messages, which are still raised with their text where they are checked.
 */
public enum Messages {
	// $lookup, $subsumes
	LOOKUP_NEEDS_CODE("$lookup needs both a code and a system, e.g. ?system=http://www.ama-assn.org/go/cpt&code=22210 (or a coding with both)"),
	LOOKUP_IN_SUPPLEMENT("CodeSystem %s is a supplement, so it has no codes of its own to look up; look the code up in %s with useSupplement=%s"),
	CODE_NOT_IN_CODE_SYSTEM("Code '%s' is not in CodeSystem %s"),
	SUBSUMES_NEEDS_CODES("$subsumes needs the system and two codes: codeA and codeB (with system), or codingA and codingB"),
	SUBSUMES_CODE_UNKNOWN("%s '%s' is not in CodeSystem %s"),
	/** The display of a concept of a restricted code system shown to a public client that has no open name for it. */
	WITHHELD_DISPLAY("%s code %s (its descriptor is licensed content, shown only to licensed clients)"),
	/** Told to a public client whose answer drew on a restricted code system. */
	WITHHELD_NOTICE("The descriptors of %s are licensed content: this server shows them only to clients whose token carries the licence. "
			+ "The names shown here are procterm's own plain-language names, or the code where there is none."),
	DIFF_NEEDS_VERSIONS("A diff needs the code system's url and the two versions to compare (from and to)"),

	// code systems not held
	/** I18nConstants.UNKNOWN_CODESYSTEM: a code system not held ({@code %s} slots: system, version, date, versions held). */
	CANNOT_BE_VALIDATED("UNKNOWN_CODESYSTEM", Patterns.CANNOT_BE_VALIDATED),
	/** I18nConstants.UNKNOWN_CODESYSTEM_VERSION: a version not held of a code system held in others, which follow. */
	CANNOT_BE_VALIDATED_VERSION("UNKNOWN_CODESYSTEM_VERSION", Patterns.CANNOT_BE_VALIDATED),
	/** I18nConstants.UNKNOWN_CODESYSTEM_VERSION_NONE: a version asked of a code system held in no version. */
	CANNOT_BE_VALIDATED_VERSION_NONE("UNKNOWN_CODESYSTEM_VERSION_NONE", Patterns.CANNOT_BE_VALIDATED),
	/** As CANNOT_BE_VALIDATED, for no version in effect on a date asked for (procterm's own: HL7 has no such message). */
	CANNOT_BE_VALIDATED_ON_DATE(Patterns.CANNOT_BE_VALIDATED),
	/** I18nConstants.VALUESET_VERSION_CHECK: a check-system-version parameter refuses the version used. */
	VERSION_CHECK_FAILED("VALUESET_VERSION_CHECK", "The version '%s' is not allowed for system '%s': required to be '%s' by a version-check parameter"),
	CODE_SYSTEM_VERSION_UNKNOWN("CodeSystem %s version %s is not known to this server; known versions: %s"),
	CODE_SYSTEM_NONE_IN_EFFECT("No version of CodeSystem %s was in effect on %s; known versions: %s"),
	CODE_SYSTEM_UNKNOWN("CodeSystem %s is not known to this server"),
	/** I18nConstants.VALUESET_NOT_FOUND... (expansion): a value set's code system is not held. */
	CANNOT_EXPAND_UNKNOWN_SYSTEM("UNKNOWN_CODESYSTEM_EXP", "A definition for CodeSystem '%s' could not be found, so the value set cannot be expanded"),
	CANNOT_EXPAND_UNKNOWN_VERSION("UNKNOWN_CODESYSTEM_VERSION_EXP", "A definition for CodeSystem '%s'%s%s could not be found, so the value set cannot be expanded. Valid versions: %s"),
	/** I18nConstants.VS_EXP_IMPORT_UNK_PINNED: the version default-valueset-version names for an import is not held. */
	IMPORT_VERSION_NOT_FOUND("VS_EXP_IMPORT_UNK_PINNED", "Unable to find included value set '%s' version '%s'"),
	VALUE_SET_NOT_FOUND("Unable_to_resolve_value_Set_", "A definition for the value Set '%s' could not be found%s"),

	// supplements
	SUPPLEMENT_NOT_FOUND("VALUESET_SUPPLEMENT_MISSING", "Required supplement not found: %s"),
	NOT_A_SUPPLEMENT("CodeSystem %s is not a supplement (its content is not 'supplement'), so it cannot be used as one"),
	/** I18nConstants.CODESYSTEM_CS_NO_SUPPLEMENT. */
	SUPPLEMENT_AS_SYSTEM("CODESYSTEM_CS_NO_SUPPLEMENT", "CodeSystem %s is a supplement, so can't be used as a value in %s"),
	TX_RESOURCE_NEEDS_URL("A %s given in tx-resource needs a url"),

	// $validate-code
	/** HL7's wording (its validator's, parenthesis and all): a $validate-code with no code to check. */
	VALIDATE_FOUND_NO_CODE("Unable to find code to validate (looked for coding | codeableConcept | code+system | code+inferSystem in parameters"),
	VALIDATE_NEEDS_CODE("$validate-code needs a code (code, coding or codeableConcept)"),
	VALIDATE_NEEDS_INPUT("$validate-code needs a code (with system), a coding or a codeableConcept"),
	/** I18nConstants.CODING_HAS_NO_SYSTEM__CANNOT_VALIDATE. */
	CODING_HAS_NO_SYSTEM("Coding_has_no_system__cannot_validate", "Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should be provided"),
	/** I18nConstants.UNKNOWN_CODE_IN. */
	UNKNOWN_CODE("Unknown_Code_in", "Unknown code '%s' in the CodeSystem '%s'"),
	/** I18nConstants.UNKNOWN_CODE_IN_VERSION. */
	UNKNOWN_CODE_IN_VERSION("Unknown_Code_in_Version", "Unknown code '%s' in the CodeSystem '%s' version '%s'"),
	/** I18nConstants.ABSTRACT_CODE_NOT_ALLOWED (abstract=false, or a value set that leaves abstract codes out). */
	ABSTRACT_CODE("ABSTRACT_CODE_NOT_ALLOWED", "Code '%s#%s' is abstract, and not allowed in this context"),
	/** I18nConstants.INACTIVE_CONCEPT_FOUND. */
	CONCEPT_INACTIVE("INACTIVE_CONCEPT_FOUND", "The concept '%s' has a status of %sinactive and its use should be reviewed"),
	CONCEPT_DEPRECATED("DEPRECATED_CONCEPT_FOUND", "The concept '%s' is deprecated and its use should be reviewed"),
	/** I18nConstants.MSG_DEPRECATED, MSG_WITHDRAWN, MSG_RETIRED, MSG_EXPERIMENTAL, MSG_DRAFT (status-check notes): type, canonical. */
	REFERENCE_TO_DEPRECATED("MSG_DEPRECATED", "Reference to deprecated %s %s"),
	REFERENCE_TO_WITHDRAWN("MSG_WITHDRAWN", "Reference to withdrawn %s %s"),
	REFERENCE_TO_RETIRED("MSG_RETIRED", "Reference to retired %s %s"),
	REFERENCE_TO_EXPERIMENTAL("MSG_EXPERIMENTAL", "Reference to experimental %s %s"),
	REFERENCE_TO_DRAFT("MSG_DRAFT", "Reference to draft %s %s"),
	/** I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_ONE. */
	NOT_IN_VALUE_SET("None_of_the_provided_codes_are_in_the_value_set_one", "The provided code '%s#%s' was not found in the value set '%s'"),
	NOT_IN_VALUE_SET_NO_SYSTEM("None_of_the_provided_codes_are_in_the_value_set_one", "The provided code '#%s' was not found in the value set '%s'"),
	/** I18nConstants.TX_GENERAL_CC_ERROR_MESSAGE. */
	NO_VALID_CODING("TX_GENERAL_CC_ERROR_MESSAGE", "No valid coding was found for the value set '%s'"),
	VALID_BUT_NOT_ACTIVE("STATUS_CODE_WARNING_CODE", "The concept '%s' is valid but is not active"),
	/** I18nConstants.UNABLE_TO_INFER_CODESYSTEM: no code system of the value set has the code. */
	CANNOT_INFER_SYSTEM("UNABLE_TO_INFER_CODESYSTEM", "The System URI could not be determined for the code '%s' in the ValueSet '%s'"),
	/** I18nConstants.UNABLE_TO_RESOLVE_SYSTEM__VALUE_SET_HAS_MULTIPLE_MATCHES: several have it. */
	CANNOT_INFER_SYSTEM_SEVERAL("Unable_to_resolve_system__value_set_has_multiple_matches", "The System URI could not be determined for the code '%s' in the ValueSet '%s': value set expansion has multiple matches: %s"),
	/** I18nConstants.VALUESET_VALUE_MISMATCH: the include states another version than the coding. */
	VERSION_MISMATCH("VALUESET_VALUE_MISMATCH", "The code system '%s' version '%s' in the ValueSet include is different to the one in the value ('%s')"),
	/** I18nConstants.VALUESET_VALUE_MISMATCH_DEFAULT: the include states no version and the latest was taken. */
	VERSION_MISMATCH_DEFAULT("VALUESET_VALUE_MISMATCH_DEFAULT", "The code system '%s' version '%s' for the versionless include in the ValueSet include is different to the one in the value ('%s')"),
	/** I18nConstants.VALUESET_VALUE_MISMATCH_CHANGED: a version parameter decided the include's version. */
	VERSION_MISMATCH_CHANGED("VALUESET_VALUE_MISMATCH_CHANGED", "The code system '%s' version '%s' resulting from the version '%s' in the ValueSet include is different to the one in the value ('%s')"),

	// displays
	/** I18nConstants.NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK. */
	DEFAULT_LANGUAGE_DISPLAY_OK("NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK", "There are no valid display names found for the code %s for language(s) '%s'. The display is '%s' which is a valid display for the default language"),
	/** I18nConstants.DISPLAY_NAME_FOR__SHOULD_BE_ONE_OF__INSTEAD_OF and its variants: the detail follows. */
	TRANSLATE_NEEDS_CODE("$translate needs a concept to translate: code and system, a coding, or a codeableConcept (R5: sourceCode, sourceCoding, targetCode...)"),
	TRANSLATE_NEEDS_SYSTEM("$translate needs the system of code '%s' (a ConceptMap maps codes of named code systems)"),
	CONCEPT_MAP_NOT_FOUND("A definition for the ConceptMap '%s' could not be found"),
	BATCH_NEEDS_ENTRIES("$batch-validate-code needs at least one validation parameter (a Parameters resource of $validate-code)"),
	BATCH_TOO_LARGE("$batch-validate-code takes at most %2$s validation entries, not %1$s: send them in several requests"),
	/** I18nConstants.UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE. */
	FILTER_WITHOUT_VALUE("UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE", "The system %s filter with property = %s, op = %s has no value"),
	/** I18nConstants.VALUESET_CIRCULAR_REFERENCE. */
	VALUE_SET_CIRCULAR("VALUESET_CIRCULAR_REFERENCE", "Found a circularity pointing to %s processing ValueSet with pathway [%s]"),
	/** I18nConstants.CODE_CASE_DIFFERENCE. */
	CODE_CASE_DIFFERENCE("CODE_CASE_DIFFERENCE", "The code '%s' differs from the correct code '%s' by case. Although the code system '%s' is case insensitive, implementers are strongly encouraged to use the correct case anyway"),
	/** I18nConstants.UNKNOWN_CODE_IN_FRAGMENT. */
	UNKNOWN_CODE_IN_FRAGMENT("UNKNOWN_CODE_IN_FRAGMENT", "Unknown Code '%s' in the CodeSystem '%s' version '%s' - note that the code system is labeled as a fragment, so the code may be valid in some other fragment"),
	/** The valueset-unclosed-reason of an expansion drawn on a fragment code system. */
	FRAGMENT_UNCLOSED("This extension is based on a fragment of the code system %s"),
	/** I18nConstants.CONCEPT_DEPRECATED_IN_VALUESET: code, system, value set, status. */
	CONCEPT_DEPRECATED_IN_VALUESET("CONCEPT_DEPRECATED_IN_VALUESET", "The presence of the concept '%1$s' in the system '%2$s' in the value set %3$s is marked with a status of %4$s and its use should be reviewed"),
	/** The tail of I18nConstants.UNKNOWN_CODESYSTEM_VERSION_NONE: a version asked of a code system held in none. */
	NO_VERSIONS_KNOWN(". No versions of this code system are known"),
	/** I18nConstants.TERMINOLOGY_TX_SYSTEM_VALUESET2. */
	SYSTEM_IS_A_VALUE_SET("Terminology_TX_System_ValueSet2", "The Coding references a value set, not a code system ('%s')"),
	/** I18nConstants.TERMINOLOGY_TX_SYSTEM_RELATIVE. */
	SYSTEM_IS_RELATIVE("Terminology_TX_System_Relative", "Coding.system must be an absolute reference, not a local reference"),
	/** HL7's wording for a displayLanguage that is not a language tag (a tag such as en or de-CH, or a list such as 'de, en;q=0.5'). */
	INVALID_DISPLAY_LANGUAGE("INVALID_DISPLAY_NAME", "Invalid displayLanguage: '%s'"),
	TRANSLATE_TOO_COSTLY("The ConceptMaps give more than %s matches for this request: name one map with url, or send fewer codings"),
	/** $translate found no mapping, or only ones that say the concepts are unrelated. */
	NO_TRANSLATION("No translation was found for %s in the ConceptMaps this request may use"),
	/**
	 * I18nConstants.INACTIVE_DISPLAY_FOUND, as HL7's reference server words it (quoted displays, a
	 * closing full stop), which calls a display no longer in use deprecated, withdrawn or deprecated.
	 */
	DISPLAY_NO_LONGER_CORRECT("INACTIVE_DISPLAY_FOUND", "'%s' is no longer considered a correct display for code '%s' (status = deprecated). The correct display is one of %s."),
	/** I18nConstants.NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR: no display in the languages asked for, and the one given is not the default. */
	WRONG_DISPLAY_NONE_IN_LANGUAGE("NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR", "Wrong Display Name '%s' for %s. %s"),
	WRONG_DISPLAY("Display_Name_for__should_be_one_of__instead_of", "Wrong Display Name '%s' for %s. %s"),
	/** I18nConstants.DISPLAY_NAME_WS_FOR__SHOULD_BE_ONE_OF__INSTEAD_OF: the same, when only the spacing differs. */
	WRONG_DISPLAY_WHITESPACE("Display_Name_WS_for__should_be_one_of__instead_of", "Wrong whitespace in Display Name '%s' for %s. %s"),
	NO_DISPLAY_FOR_LANGUAGES("There are no valid display names found for language(s) '%s'"),
	DEFAULT_DISPLAY_IS(". Default display is '%s'"),
	VALID_DISPLAY_IS("Valid display is %s (for the language(s) '%s')"),
	VALID_DISPLAY_CHOICES("Valid display is one of %s choices: %s (for the language(s) '%s')"),
	NO_DISPLAY_TO_COMPARE("The code has no display or designation to compare with"),

	// CPT expressions (code:modifier[:modifier...])
	EXPRESSION_INVALID("The CPT expression '%s' is not valid: %s"),
	EXPRESSION_UNKNOWN_BASE("the code '%s' is not in this CPT release"),
	EXPRESSION_BASE_IS_MODIFIER("'%s' is a modifier, not a code to report"),
	EXPRESSION_TOO_MANY_MODIFIERS("an expression may have at most %d modifiers"),
	EXPRESSION_EMPTY_MODIFIER("an expression needs a modifier after each ':'"),
	EXPRESSION_REPEATED_MODIFIER("the modifier '%s' is repeated"),
	EXPRESSION_UNKNOWN_MODIFIER("the modifier '%s' is not in this CPT release"),
	EXPRESSION_NOT_A_MODIFIER("'%s' is a code, not a modifier"),
	EXPRESSION_ONLY_WITH("the modifier '%s' may be used only with %s, and '%s' is not one"),
	EXPRESSION_NEVER_WITH("the modifier '%s' may not be used with %s, such as '%s'"),
	EXPRESSION_EXCLUSIVE("the modifiers %s may not be used together (at most one of %s)"),

	// add-on codes reported together with their primaries
	ADD_ON_MISSING_PRIMARY("The add-on code %s is reported without one of its primary codes (%s)"),
	CODE_SET_NEEDS_CODES("$validate-code-set needs the codes reported together: code (several, with system) or coding (several)"),
	CODE_SET_EMPTY_CODE("$validate-code-set: %s has no code; give each code reported, or leave it out"),
	CODE_SET_TOO_MANY("$validate-code-set takes at most %d codes at a time, one encounter's worth; this request has %d"),
	CODE_NOT_VALID("The code %s is not valid"),
	ADD_ON_CANNOT_CHECK("The add-on code %s cannot be checked for a primary code: its primary codes are not known to this server"),

	// $expand
	/** I18nConstants.VALUESET_TOO_COSTLY (page through with count and offset, or narrow with filter: see the README). */
	EXPANSION_TOO_LARGE("VALUESET_TOO_COSTLY", "The value set '%s' expansion has too many codes to produce (>%s)"),
	VALUE_SET_TOO_LARGE("ValueSet %s has more than %s codes, the most this server expands at once; narrow it with a filter or expand a smaller ValueSet"),
	NESTING_TOO_DEEP("The nested expansion would be %s levels deep, more than the %s this server writes; ask with excludeNested=true for a flat list");

	/** Patterns several messages share, each under its own HL7 key. */
	private static final class Patterns {
		static final String CANNOT_BE_VALIDATED = "A definition for CodeSystem '%s'%s%s could not be found, so the code cannot be validated%s";
	}

	/** HL7's key for the message (its I18nConstants name), or null where HL7 has none like it. */
	private final String hl7Id;
	private final String pattern;

	Messages(String pattern) {
		this(null, pattern);
	}

	Messages(String hl7Id, String pattern) {
		this.hl7Id = hl7Id;
		this.pattern = pattern;
	}

	public String text(Object... arguments) {
		return String.format(Locale.ROOT, pattern, arguments);
	}

	/** The message with its HL7 key, for an issue a client may recognise by the key. */
	public Message say(Object... arguments) {
		return new Message(hl7Id, text(arguments));
	}

}
