package org.procterm.content.model;

/**
 * A range of whole numbers with a unit, as writers type it: "2-4 hours", "1-2", "3+" (3 or more),
 * "8 hours". {@code max} is null for an open range.
 */
public record Range(int min, Integer max, Unit unit) {

	/** Units of time ranges, with their UCUM codes for FHIR Durations. */
	public enum Unit {
		MINUTES("min", "minutes", "minutos"),
		HOURS("h", "hours", "horas"),
		DAYS("d", "days", "días"),
		WEEKS("wk", "weeks", "semanas"),
		NONE(null, "", "");

		private final String ucum;
		private final String en;
		private final String es;

		Unit(String ucum, String en, String es) {
			this.ucum = ucum;
			this.en = en;
			this.es = es;
		}

		public String ucum() {
			return ucum;
		}

		public String word(Language language) {
			return language == Language.EN ? en : es;
		}

		public int minutes() {
			return switch (this) {
				case MINUTES -> 1;
				case HOURS -> 60;
				case DAYS -> 24 * 60;
				case WEEKS -> 7 * 24 * 60;
				case NONE -> throw new IllegalStateException("a count has no time unit");
			};
		}
	}

	public boolean isExact() {
		return max != null && max == min;
	}

	/** "2-4 hours", "2 a 4 horas", "3 or more". */
	public String describe(Language language) {
		String number;
		if (max == null) {
			number = min + (language == Language.EN ? " or more" : " o más");
		} else if (isExact()) {
			number = String.valueOf(min);
		} else {
			number = min + (language == Language.EN ? " to " : " a ") + max;
		}
		return unit == Unit.NONE ? number : number + " " + unit.word(language);
	}
}
