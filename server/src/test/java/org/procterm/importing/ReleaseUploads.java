package org.procterm.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The fixture CPT releases of the terminology module, and a release folder as the zip $import-cpt takes. */
public final class ReleaseUploads {

	public static final Path RELEASES = Path.of("../terminology/src/test/resources/cpt-releases").toAbsolutePath().normalize();

	private ReleaseUploads() {}

	public static byte[] zip(Path dir) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				zip.putNextEntry(new ZipEntry("release/" + dir.relativize(f).toString().replace('\\', '/')));
				Files.copy(f, zip);
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}
}
