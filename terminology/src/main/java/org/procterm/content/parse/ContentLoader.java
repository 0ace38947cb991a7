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
		Map<Language, ProcedureText> texts = new EnumMap<>(Language.class);
		for (var f : files.values()) {
			Language l = f.text().language();
			Set<Section> present = f.text().sections().keySet();
			for (Section s : Section.required()) {
				if (!present.contains(s)) {
					errors.add(new ContentError(f.file(), 1, "missing " + describe(s, l) + ": every page has every section"));
				}
			}
			long riskLists = Section.RISK_LISTS.stream().filter(present::containsAll).count();
			boolean anyRiskPart = Section.RISK_LISTS.stream().flatMap(Set::stream).anyMatch(present::contains);
			if (riskLists != 1 || Section.RISK_LISTS.stream().anyMatch(list -> !present.containsAll(list)
					&& list.stream().anyMatch(present::contains))) {
				errors.add(new ContentError(f.file(), 1, (anyRiskPart ? "mixed risk lists" : "no risk list") + " under '## "
						+ Section.RISKS.title(l) + "': write either " + describe(Section.RISKS_COMMON, l) + " and "
						+ describe(Section.RISKS_RARE, l) + " (only where the facts say how often), or " + describe(Section.RISKS_POSSIBLE, l)));
			}
			texts.put(f.text().language(), f.text());
		}
		Set<Section> english = texts.get(Language.EN).sections().keySet();
		for (var f : files.values()) {
			Set<Section> sections = f.text().sections().keySet();
			if (sections.containsAll(Section.required()) && english.containsAll(Section.required()) && !sections.equals(english)) {
				errors.add(new ContentError(f.file(), 1, "the sections differ from en.md's: every language has the same sections"));
			}
		}
		return errors.size() > before ? null : new Procedure(en.facts(), texts);
	}

	private static String describe(Section s, Language l) {
		return s.parent() == null ? "section '## " + s.title(l) + "'" : "part '### " + s.title(l) + "' under '## " + s.parent().title(l) + "'";
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
