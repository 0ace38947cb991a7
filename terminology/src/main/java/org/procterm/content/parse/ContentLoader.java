package org.procterm.content.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureText;
import org.procterm.content.model.Section;

/**
 * Loads every procedure under {@code procedures/<code>/<language>.md} and checks what no single
 * file can: each code has a file per language, files are named for their language and code,
 * required sections are present in every language, and code references point at codes we hold.
 * All problems are collected and thrown together, so a writer fixes them in one pass.
 */
public final class ContentLoader {

	private final ProcedureFileParser parser = new ProcedureFileParser();

	public List<Procedure> load(Path proceduresDir) {
		List<ContentError> errors = new ArrayList<>();
		Map<String, Map<Language, ProcedureFileParser.ParsedFile>> byCode = new TreeMap<>();
		Map<String, Set<Language>> present = new TreeMap<>();
		for (Path codeDir : list(proceduresDir)) {
			if (!Files.isDirectory(codeDir)) {
				continue;
			}
			String folderCode = codeDir.getFileName().toString();
			for (Path file : list(codeDir)) {
				String shown = proceduresDir.getFileName() + "/" + folderCode + "/" + file.getFileName();
				String name = file.getFileName().toString();
				if (!name.endsWith(".md")) {
					errors.add(new ContentError(shown, 1, "only <language>.md files belong here (en.md, es.md)"));
					continue;
				}
				Language fileLanguage = Language.ofTag(name.substring(0, name.length() - 3)).orElse(null);
				if (fileLanguage == null) {
					errors.add(new ContentError(shown, 1, "the file name must be a language: en.md or es.md"));
					continue;
				}
				present.computeIfAbsent(folderCode, k -> java.util.EnumSet.noneOf(Language.class)).add(fileLanguage);
				String content = read(file, shown, errors);
				ProcedureFileParser.ParsedFile parsed = content == null ? null : parser.parse(shown, content, errors);
				if (parsed == null) {
					continue;
				}
				if (parsed.text().language() != fileLanguage) {
					errors.add(new ContentError(shown, parsed.languageLine(), "language mismatch: the file is " + name
							+ " but its front matter says language: " + parsed.text().language().tag()));
					continue;
				}
				if (!folderCode.equals(parsed.text().code())) {
					errors.add(new ContentError(shown, parsed.codeLine(), "code '" + parsed.text().code() + "' does not match its folder '" + folderCode + "'"));
					continue;
				}
				byCode.computeIfAbsent(folderCode, k -> new EnumMap<>(Language.class)).put(fileLanguage, parsed);
			}
		}
		List<Procedure> procedures = new ArrayList<>();
		for (var entry : present.entrySet()) {
			String folder = proceduresDir.getFileName() + "/" + entry.getKey();
			for (Language l : Language.values()) {
				if (!entry.getValue().contains(l)) {
					errors.add(new ContentError(folder + "/" + l.tag() + ".md", 1, "missing file: every procedure needs en.md and es.md"));
				}
			}
		}
		for (var entry : byCode.entrySet()) {
			if (entry.getValue().size() < Language.values().length) {
				continue; // a file is missing or has errors of its own, already reported
			}
			Procedure p = assemble(entry.getValue(), present.keySet(), errors);
			if (p != null) {
				procedures.add(p);
			}
		}
		if (!errors.isEmpty()) {
			throw new ContentException(errors);
		}
		return procedures;
	}

	private static Procedure assemble(Map<Language, ProcedureFileParser.ParsedFile> files, Set<String> knownCodes,
			List<ContentError> errors) {
		int before = errors.size();
		ProcedureFileParser.ParsedFile en = files.get(Language.EN);
		for (String ref : en.facts().similarCodes()) {
			if (!knownCodes.contains(ref)) {
				errors.add(new ContentError(en.file(), en.similarCodesLine(), "similarCodes names '" + ref + "', which has no folder under procedures/"));
			}
		}
		for (String ref : en.facts().primaryCodes()) {
			if (!knownCodes.contains(ref)) {
				errors.add(new ContentError(en.file(), en.primaryCodesLine(), "primaryCodes names '" + ref + "', which has no folder under procedures/"));
			}
		}
		Set<Section> required = Section.requiredFor(en.facts().coverage());
		Map<Language, ProcedureText> texts = new EnumMap<>(Language.class);
		for (var f : files.values()) {
			for (Section s : required) {
				if (!f.text().sections().containsKey(s)) {
					Language l = f.text().language();
					String what = s.parent() == null ? "section '## " + s.title(l) + "'"
							: "part '### " + s.title(l) + "' under '## " + s.parent().title(l) + "'";
					errors.add(new ContentError(f.file(), 1, "missing " + what + " (required for coverage: "
							+ en.facts().coverage().name().toLowerCase(java.util.Locale.ROOT) + ")"));
				}
			}
			texts.put(f.text().language(), f.text());
		}
		return errors.size() > before ? null : new Procedure(en.facts(), texts);
	}

	private static String read(Path file, String shown, List<ContentError> errors) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		} catch (CharacterCodingException e) {
			errors.add(new ContentError(shown, 1, "the file is not UTF-8 text; save it as UTF-8"));
			return null;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Path> list(Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot list " + dir, e);
		}
	}
}
