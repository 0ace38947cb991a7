package org.procterm.engine;

/** A canonical reference split into URL and optional version ({@code url|version}). */
public record Canonical(String url, String version) {

	/** The canonical reference ({@code url|version}, or the url alone) of a code system, value set or other canonical resource. */
	public static String of(org.hl7.fhir.r4.model.MetadataResource resource) {
		return resource.hasVersion() ? resource.getUrl() + "|" + resource.getVersion() : resource.getUrl();
	}

	public static Canonical parse(String reference) {
		int bar = reference.indexOf('|');
		if (bar < 0) {
			return new Canonical(reference, null);
		}
		String version = reference.substring(bar + 1);
		return new Canonical(reference.substring(0, bar), version.isEmpty() ? null : version);
	}

	@Override
	public String toString() {
		return version == null ? url : url + "|" + version;
	}
}
