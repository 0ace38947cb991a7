package org.procterm.content;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readability of plain text: the Flesch-Kincaid grade level for English and the Fernández-Huerta
 * ease score for Spanish. Written here because no maintained Java library on Maven Central scores
 * both languages; the formulas are short and published, and the syllable counts are the usual
 * vowel-group heuristics. A list item or line counts as a sentence, as it reads like one.
 */
public final class Readability {

	private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+|\\n+");
	private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
	private static final Pattern EN_VOWELS = Pattern.compile("[aeiouy]{1,2}");
	private static final Pattern ES_STRONG_PAIR = Pattern.compile("[aeoáéó](?=[aeoáéó])");
	private static final Pattern ES_VOWEL_GROUP = Pattern.compile("[aeiouáéíóúü]+");

	/** Counts of one text. */
	public record Counts(int sentences, int words, int syllables) {}

	private Readability() {}

	/** Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59. */
	public static double fleschKincaidGrade(String text) {
		Counts c = count(text, Readability::englishSyllables);
		if (c.words() == 0) {
			return 0;
		}
		return 0.39 * c.words() / c.sentences() + 11.8 * c.syllables() / c.words() - 15.59;
	}

	/** Fernández-Huerta ease (0-100, higher is easier; 70+ is easy): 206.84 - 0.60 P - 1.02 F. */
	public static double fernandezHuerta(String text) {
		Counts c = count(text, Readability::spanishSyllables);
		if (c.words() == 0) {
			return 100;
		}
		double syllablesPer100Words = 100.0 * c.syllables() / c.words();
		double sentencesPer100Words = 100.0 * c.sentences() / c.words();
		return 206.84 - 0.60 * syllablesPer100Words - 1.02 * sentencesPer100Words;
	}

	/**
	 * The harder of the two ways to count a text with lists: each list item or line as a sentence
	 * (as written), or items run together until a full stop. A list of long phrases without full
	 * stops reads as one long sentence, so the second count keeps lists honest.
	 */
	public static double worstGrade(String text) {
		return Math.max(fleschKincaidGrade(text), fleschKincaidGrade(runTogether(text)));
	}

	/** The lower of the two Fernández-Huerta scores, counted as {@link #worstGrade} counts. */
	public static double lowestEase(String text) {
		return Math.min(fernandezHuerta(text), fernandezHuerta(runTogether(text)));
	}

	private static String runTogether(String text) {
		return text.replaceAll("\\s*\\n+\\s*", " ");
	}

	public static Counts count(String text, java.util.function.ToIntFunction<String> syllables) {
		List<String> sentences = Arrays.stream(SENTENCE_END.split(text)).filter(s -> WORD.matcher(s).find()).toList();
		int words = 0;
		int syl = 0;
		for (String s : sentences) {
			Matcher m = WORD.matcher(s);
			while (m.find()) {
				words++;
				syl += syllables.applyAsInt(m.group());
			}
		}
		return new Counts(Math.max(1, sentences.size()), words, syl);
	}

	static int englishSyllables(String word) {
		String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		if (w.isEmpty()) {
			return 0;
		}
		if (w.length() <= 3) {
			return 1;
		}
		w = w.replaceAll("(?:[^laeiouy]es|ed|[^laeiouy]e)$", "").replaceAll("^y", "");
		Matcher m = EN_VOWELS.matcher(w);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return Math.max(1, n);
	}

	static int spanishSyllables(String word) {
		String w = word.toLowerCase(new Locale("es"));
		// two strong vowels side by side are two syllables (le-er, po-e-ma); an accented i/u breaks a diphthong (dí-a)
		w = ES_STRONG_PAIR.matcher(w).replaceAll("$0-");
		w = w.replace("í", "-í-").replace("ú", "-ú-");
		int n = 0;
		for (String part : w.split("-")) {
			Matcher m = ES_VOWEL_GROUP.matcher(Normalizer.normalize(part, Normalizer.Form.NFC));
			while (m.find()) {
				n++;
			}
		}
		return Math.max(1, n);
	}
}
