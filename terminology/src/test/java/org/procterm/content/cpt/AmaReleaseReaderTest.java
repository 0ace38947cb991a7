package org.procterm.content.cpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.procterm.content.Progress;

class AmaReleaseReaderTest {

	@TempDir
	Path temp;

	@Test
	void readsEveryFileOfTheRelease() {
		CptRelease release = AmaReleaseReader.read(Releases.fixture("2026"), "2026", Progress.NONE);

		assertEquals(List.of("0001F", "0202T", "22210", "22212", "22214", "22216", "63185", "63190", "63295"),
				List.copyOf(release.codes().keySet()));
		CptRelease.Code c = release.codes().get("22210");
		assertEquals("Fixture long: reshape one neck spine bone from behind", c.longDescriptor());
		assertEquals("FIXTURE LONG: RESHAPE ONE NECK SPINE BONE FROM BEHIND", c.upper());
		assertEquals("FIXTURE RESHAPE NECK BONE", c.medium());
		assertEquals("FX NECK BONE RESHAPE", c.shortDescriptor());
		assertEquals("Fixture consumer: surgery to reshape a neck bone", c.consumer());
		assertEquals(2, c.clinician().size());
		assertEquals(List.of("22", "59"), List.copyOf(release.modifiers().keySet()));
		assertEquals(List.of("0101T"), List.copyOf(release.deleted().keySet()));
		assertEquals(List.of("22210", "22212", "22214"), release.addOnPrimaries().get("22216"));
		assertEquals(List.of("22216", "63295"), List.copyOf(release.addOnPrimaries().keySet()));
	}

	@Test
	void anAddOnFileNamingAnUnknownPrimaryCodeIsRejectedWithItsLine() throws IOException {
		Path dir = Releases.copyOf("2026", temp);
		replace(dir, "AddOnPrimaries.txt", "63295\t63190", "63295\t63199");
		assertProblem(dir, "AddOnPrimaries.txt:6: primary code '63199' is not in LONGULT.txt");
	}

	@Test
	void anAddOnPairListedTwiceIsRejected() throws IOException {
		Path dir = Releases.copyOf("2026", temp);
		replace(dir, "AddOnPrimaries.txt", "63295\t63190", "63295\t63185");
		assertProblem(dir, "AddOnPrimaries.txt:6: the pair 63295 and 63185 is listed twice");
	}

	@Test
	void sameFilesGiveTheSameDigestAndOtherFilesAnother() {
		String first = AmaReleaseReader.read(Releases.fixture("2025"), "2025", Progress.NONE).digest();
		assertEquals(first, AmaReleaseReader.read(Releases.fixture("2025"), "2025", Progress.NONE).digest());
		assertNotEquals(first, AmaReleaseReader.read(Releases.fixture("2026"), "2026", Progress.NONE).digest());
	}

	@Test
	void aMissingLongDescriptorFileIsNamed() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		Files.delete(dir.resolve("LONGULT.txt"));
		assertProblem(dir, "LONGULT.txt: is missing");
	}

	@Test
	void aBadCodeFormatIsReportedWithItsLine() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "LONGULT.txt", "22214\t", "2214\t");
		assertProblem(dir, "LONGULT.txt:8: '2214' is not a CPT code");
	}

	@Test
	void aDuplicateCodeNamesBothLines() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "MEDU.txt", "22212 ", "22210 ");
		assertProblem(dir, "MEDU.txt:4: duplicate code 22210 (first at line 3)");
	}

	@Test
	void aWrongColumnCountIsReported() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "LONGULT.txt", "63185\tFixture long:", "63185\tFixture\tlong:");
		assertProblem(dir, "LONGULT.txt:9: expected 2 tab-separated columns (code, descriptor) but found 3");
	}

	@Test
	void aConsumerRowWithMissingColumnsIsReported() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "Consumer Friendly Descriptors/ConsumerDescriptor.txt", "1000002\t", "");
		assertProblem(dir, "Consumer Friendly Descriptors/ConsumerDescriptor.txt:3: expected 3 tab-separated columns");
	}

	@Test
	void undecodableBytesAreReportedWithTheirLine() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		byte[] bytes = Files.readAllBytes(dir.resolve("SHORTU.txt"));
		String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
		int at = text.indexOf("FX MID");
		bytes[at] = (byte) 0xE9; // Latin-1 é: not UTF-8 on its own
		Files.write(dir.resolve("SHORTU.txt"), bytes);
		assertProblem(dir, "SHORTU.txt:4: is not valid UTF-8 text");
	}

	@Test
	void aShortDescriptorOverTwentyEightCharactersIsRefused() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "SHORTU.txt", "FX ARCH REBUILD", "FX ARCH REBUILD AFTER OPENING THE CANAL");
		assertProblem(dir, "SHORTU.txt:8: the descriptor has 39 characters; this file allows at most 28");
	}

	@Test
	void aCodeMissingFromTheLongFileIsRefusedElsewhere() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "MEDU.txt", "63295 ", "63296 ");
		assertProblem(dir, "MEDU.txt:8: code 63296 is not in LONGULT.txt");
	}

	@Test
	void aHeaderWithoutBlankLineIsReported() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "MODUL.txt", "Invented.\n\n", "Invented.\n");
		assertProblem(dir, "MODUL.txt:1: starts with a header block that never ends with a blank line");
	}

	@Test
	void everyProblemIsCollectedNotJustTheFirst() throws IOException {
		Path dir = Releases.copyOf("2025", temp);
		replace(dir, "MODUL.txt", "22\t", "2\t");
		replace(dir, "MEDU.txt", "63295 ", "63296 ");
		ReleaseException e = assertThrows(ReleaseException.class, () -> AmaReleaseReader.read(dir, "2025", Progress.NONE));
		assertEquals(2, e.problems().size(), e.getMessage());
		assertTrue(e.getMessage().contains("nothing was changed"));
	}

	@Test
	void aVersionThatCannotNameAReleaseIsRefused() {
		ReleaseException e = assertThrows(ReleaseException.class,
				() -> AmaReleaseReader.read(Releases.fixture("2025"), "2025 final", Progress.NONE));
		assertTrue(e.getMessage().contains("'2025 final' is not a release version"), e.getMessage());
	}

	private static void replace(Path dir, String file, String from, String to) throws IOException {
		String text = Files.readString(dir.resolve(file));
		assertTrue(text.contains(from), file + " has no '" + from + "'");
		Files.writeString(dir.resolve(file), text.replace(from, to));
	}

	private static void assertProblem(Path dir, String expected) {
		ReleaseException e = assertThrows(ReleaseException.class, () -> AmaReleaseReader.read(dir, "2025", Progress.NONE));
		assertTrue(e.problems().stream().anyMatch(p -> p.toString().startsWith(expected)),
				"expected a problem starting with '" + expected + "' in:\n" + e.getMessage());
	}
}
