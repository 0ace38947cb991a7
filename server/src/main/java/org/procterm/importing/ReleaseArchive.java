package org.procterm.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.procterm.content.cpt.AmaReleaseReader;
import org.procterm.engine.TerminologyException;

/** A CPT release sent over REST as a zip of its folder, unpacked to a working folder. */
public final class ReleaseArchive {

	private ReleaseArchive() {}

	/** Unpacks {@code zip} into {@code target} and returns the folder holding LONGULT.txt (the root or its one subfolder). */
	public static Path unzip(InputStream zip, Path target) throws IOException {
		int entries = 0;
		try (ZipInputStream in = new ZipInputStream(zip)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries++;
				Path to = target.resolve(e.getName()).normalize();
				if (!to.startsWith(target)) {
					throw TerminologyException.invalid("The release archive has an entry outside its folder: " + e.getName());
				}
				if (e.isDirectory()) {
					Files.createDirectories(to);
				} else {
					Files.createDirectories(to.getParent());
					Files.copy(in, to);
				}
			}
		}
		if (entries == 0) {
			throw TerminologyException.invalid("The request body is not a zip archive of a CPT release folder");
		}
		if (Files.isRegularFile(target.resolve(AmaReleaseReader.LONG))) {
			return target;
		}
		try (Stream<Path> children = Files.list(target)) {
			var folders = children.filter(Files::isDirectory).toList();
			return folders.size() == 1 ? folders.get(0) : target;
		}
	}

	public static void delete(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException e) {
			// a leftover working folder is harmless; the next import uses a new one
		}
	}
}
