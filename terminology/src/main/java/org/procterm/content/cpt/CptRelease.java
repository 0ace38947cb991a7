package org.procterm.content.cpt;

import java.util.List;
import java.util.Map;

/**
 * One CPT release as read from AMA's data files. {@code codes} and {@code modifiers} keep file
 * order; {@code deleted} holds codes this release retires, with their last long descriptor;
 * {@code addOnPrimaries} holds, for each add-on code the release lists, its allowed primary codes.
 * {@code digest} identifies the files read, so importing the same release twice can be a no-op.
 */
public record CptRelease(String version, Map<String, Code> codes, Map<String, String> modifiers,
		Map<String, String> deleted, Map<String, List<String>> addOnPrimaries, String digest) {

	/** The texts AMA gives one code. Every one but {@code longDescriptor} may be missing. */
	public record Code(String code, String longDescriptor, String upper, String medium, String shortDescriptor,
			String consumer, List<String> clinician) {}

	public int designationCount() {
		int n = 0;
		for (Code c : codes.values()) {
			n += (c.upper() == null ? 0 : 1) + (c.medium() == null ? 0 : 1) + (c.shortDescriptor() == null ? 0 : 1)
					+ (c.consumer() == null ? 0 : 1) + c.clinician().size();
		}
		return n;
	}
}
