package org.procterm.content.cpt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixture releases in src/test/resources/cpt-releases, and writable copies to break. */
final class Releases {

	private Releases() {}

	static Path fixture(String version) {
		try {
			return Path.of(Releases.class.getResource("/cpt-releases/" + version).toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Path copyOf(String version, Path target) {
		Path source = fixture(version);
		try (Stream<Path> files = Files.walk(source)) {
			for (Path p : files.toList()) {
				Path to = target.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(to);
				} else {
					Files.copy(p, to);
				}
			}
			return target;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
