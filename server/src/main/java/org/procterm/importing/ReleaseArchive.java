package org.procterm.importing;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.procterm.config.RequestLimits;
import org.procterm.content.cpt.AmaReleaseReader;
import org.procterm.engine.TerminologyException;

/** A CPT release sent over REST as a zip of its folder, unpacked to a working folder. */
public final class ReleaseArchive {

	private ReleaseArchive() {}

	/**
	 * Unpacks {@code zip} into {@code target}, within {@code limits}, and returns the folder holding
	 * LONGULT.txt (the root or its one subfolder). A damaged or cut-short archive is the client's mistake.
	 */
	public static Path unzip(InputStream zip, Path target, RequestLimits limits) throws IOException {
		int entries = 0;
		ArchiveLimits checked = new ArchiveLimits(limits, zip);
		try (ZipInputStream in = new ZipInputStream(checked.source())) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries++;
				checked.entry(e.getName());
				Path to = target.resolve(e.getName()).normalize();
				if (!to.startsWith(target) || to.equals(target)) {
					throw TerminologyException.invalid("The release archive has an entry outside its folder: " + e.getName());
				}
				if (e.isDirectory()) {
					Files.createDirectories(to);
				} else {
					Files.createDirectories(to.getParent());
					try (OutputStream out = Files.newOutputStream(to)) {
						checked.copy(e.getName(), in, out);
					}
				}
			}
		} catch (ZipException | EOFException e) {
			throw TerminologyException.invalid("The request body is not a complete zip archive (it is damaged or was cut short)");
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
