package org.procterm.engine;

import java.util.Comparator;

/**
 * Orders code system and value set versions so that "latest" means what people expect: numeric
 * parts compare as numbers ("2026" after "2025", "1.10.0" after "1.9.0"), other parts as text.
 * Written here because FHIR versions are free strings and no library we use orders them.
 */
public final class VersionOrder implements Comparator<String> {

	public static final VersionOrder INSTANCE = new VersionOrder();

	@Override
	public int compare(String a, String b) {
		String[] pa = a.split("[.\\-+]");
		String[] pb = b.split("[.\\-+]");
		for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
			int c = comparePart(pa[i], pb[i]);
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(pa.length, pb.length);
	}

	private static int comparePart(String x, String y) {
		boolean xNum = !x.isEmpty() && x.chars().allMatch(Character::isDigit);
		boolean yNum = !y.isEmpty() && y.chars().allMatch(Character::isDigit);
		if (xNum && yNum) {
			int c = Integer.compare(x.length() - leadingZeros(x), y.length() - leadingZeros(y));
			return c != 0 ? c : x.substring(leadingZeros(x)).compareTo(y.substring(leadingZeros(y)));
		}
		if (xNum != yNum) {
			return xNum ? 1 : -1;
		}
		return x.compareTo(y);
	}

	private static int leadingZeros(String s) {
		int n = 0;
		while (n < s.length() - 1 && s.charAt(n) == '0') {
			n++;
		}
		return n;
	}
}
