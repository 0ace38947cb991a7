package org.procterm.engine;

import java.util.Set;

import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Designation;

/**
 * Which code systems hold licensed text, and which texts in them are open to anyone.
 * A version of a listed system is restricted unless it declares itself open content (the meta tag
 * {@link #OPEN_TAG_SYSTEM}|{@link #OPEN_TAG_CODE}, which procterm's bundled sample carries). In a
 * restricted version only the designations whose use is one of {@code openUses} are served to
 * public clients (procterm's own plain-language names); the display, definitions and every other
 * designation are withheld.
 *
 * @param restrictedSystems code system URLs whose content is licensed
 * @param openUses designation uses ({@code system|code}) whose texts anyone may read
 */
public record LicensedContent(Set<String> restrictedSystems, Set<String> openUses) {

	/** The tag by which a code system version declares that its texts may be served to anyone. */
	public static final String OPEN_TAG_SYSTEM = "http://procterm.org/fhir/CodeSystem/content-licence";
	public static final String OPEN_TAG_CODE = "open";

	/** Nothing restricted: every client sees everything. */
	public static final LicensedContent NONE = new LicensedContent(Set.of(), Set.of());

	public LicensedContent {
		restrictedSystems = Set.copyOf(restrictedSystems);
		openUses = Set.copyOf(openUses);
	}

	/** Whether public clients must not see this version's licensed texts. */
	public boolean restricts(CodeSystemIndex cs) {
		return restricts(cs.url(), cs.declaresOpenContent(), cs.isSupplement());
	}

	/** The same rule over a CodeSystem resource, as it is read or searched. */
	public boolean restricts(org.hl7.fhir.r4.model.CodeSystem cs) {
		return restricts(cs.getUrl(), declaresOpenContent(cs), cs.getContent() == org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.SUPPLEMENT);
	}

	/** Whether a code system version declares its texts open to anyone (the tag above). */
	public static boolean declaresOpenContent(org.hl7.fhir.r4.model.CodeSystem cs) {
		return cs.getMeta().getTag(OPEN_TAG_SYSTEM, OPEN_TAG_CODE) != null;
	}

	private boolean restricts(String url, boolean open, boolean supplement) {
		return restrictedSystems.contains(url) && !open && !supplement; // a supplement's texts are its own author's
	}

	/** Whether anyone may read this designation of a restricted code system. */
	public boolean isOpen(Designation d) {
		return isOpenUse(d.use());
	}

	/**
	 * The display a public client is shown for a concept of a restricted code system: its first open
	 * name in the code system's language (English when it states none), else a placeholder naming the code.
	 */
	public static String publicDisplay(java.util.List<Designation> open, String language, String systemName, String code) {
		String wanted = language == null ? "en" : language;
		return open.stream().filter(d -> d.isInLanguage(wanted)).map(Designation::value).findFirst()
				.orElseGet(() -> Messages.WITHHELD_DISPLAY.text(systemName, code));
	}

	/** Whether texts of this designation use are open to anyone. */
	public boolean isOpenUse(org.hl7.fhir.r4.model.Coding use) {
		return use != null && openUses.contains(use.getSystem() + "|" + use.getCode());
	}
}
