package org.procterm.engine.codesystem;

import java.util.Locale;

/** BCP-47 language tag matching, as far as terminology display selection needs it. */
public final class Languages {

	private Languages() {}

	/**
	 * "es" asked for matches "es" and "es-MX"; "es-MX" asked for matches "es-MX" and plain "es".
	 * Comparison is case-insensitive, as BCP-47 tags are.
	 */
	public static boolean matches(String actual, String requested) {
		if (actual == null || requested == null) {
			return false;
		}
		String a = actual.toLowerCase(Locale.ROOT);
		String r = requested.toLowerCase(Locale.ROOT);
		return a.equals(r) || primary(a).equals(primary(r)) && (a.equals(primary(a)) || r.equals(primary(r)));
	}

	private static String primary(String tag) {
		int dash = tag.indexOf('-');
		return dash < 0 ? tag : tag.substring(0, dash);
	}
}
