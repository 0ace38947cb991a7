package org.procterm.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadabilityTest {

	@Test
	void englishSyllablesFollowTheUsualHeuristic() {
		assertEquals(1, Readability.englishSyllables("spine"));
		assertEquals(3, Readability.englishSyllables("hospital"));
		assertEquals(4, Readability.englishSyllables("operating"));
		assertEquals(1, Readability.englishSyllables("the"));
	}

	@Test
	void spanishSyllablesSplitStrongVowelsAndAccentedWeakOnes() {
		assertEquals(3, Readability.spanishSyllables("columna"));
		assertEquals(2, Readability.spanishSyllables("leer"));
		assertEquals(2, Readability.spanishSyllables("día"));
		assertEquals(2, Readability.spanishSyllables("nueve"));
	}

	@Test
	void shortPlainSentencesScoreLowerThanLongTechnicalOnes() {
		double plain = Readability.fleschKincaidGrade("The cut is closed. You go home in two days.");
		double technical = Readability.fleschKincaidGrade("Osteoplastic reconstruction of dorsal spinal elements following a primary intraspinal procedure is performed.");
		assertTrue(plain < 4, "plain: " + plain);
		assertTrue(technical > 12, "technical: " + technical);
		assertTrue(Readability.fernandezHuerta("El corte se cierra. Vuelve a casa en dos días.") > 80);
	}
}
