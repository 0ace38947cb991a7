package org.procterm.content.cpt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.procterm.content.Progress;

/**
 * Reads a CPT release in the layout AMA ships it (see the README's "Importing CPT"):
 * {@code LONGULT.txt} (required), {@code LONGUT.txt}, {@code MEDU.txt}, {@code SHORTU.txt},
 * {@code MODUL.txt}, {@code DeletedCodes.txt} and the consumer and clinician descriptor folders,
 * plus procterm's optional {@code AddOnPrimaries.txt} (an add-on code and one of its primary codes
 * per line), which AMA does not ship: a licensee builds it from the CPT book's add-on instructions.
 * Every problem in every file is collected with its {@code file:line} before anything is built, so
 * a release is either read whole or rejected with the full list of what to fix.
 */
public final class AmaReleaseReader {

	public static final String LONG = "LONGULT.txt";
	public static final String UPPER = "LONGUT.txt";
	public static final String MEDIUM = "MEDU.txt";
	public static final String SHORT = "SHORTU.txt";
	public static final String MODIFIERS = "MODUL.txt";
	public static final String DELETED = "DeletedCodes.txt";
	public static final String CONSUMER = "Consumer Friendly Descriptors/ConsumerDescriptor.txt";
	public static final String CLINICIAN = "Clinician Descriptors/ClinicianDescriptor.txt";
	public static final String ADD_ON_PRIMARIES = "AddOnPrimaries.txt";

	/** Category I (five digits), II (F), III (T), PLA (U), MAAA (M) and vaccine (A) codes. */
	private static final Pattern CODE = Pattern.compile("[0-9]{4}[0-9A-Z]");
	private static final Pattern MODIFIER = Pattern.compile("[0-9A-Z]{2}");
	private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-]{0,39}");
	private static final int MEDIUM_MAX = 48;
	private static final int SHORT_MAX = 28;

	private final List<ReleaseProblem> problems = new ArrayList<>();
	private final MessageDigest digest;
	private final Progress progress;

	private AmaReleaseReader(Progress progress) {
		this.progress = progress;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

	/** Reads the release in {@code dir} as CPT {@code version}, or throws with every problem found. */
	public static CptRelease read(Path dir, String version, Progress progress) {
		return new AmaReleaseReader(progress).readAll(dir, version);
	}

	private record Line(int number, String text) {}

	private CptRelease readAll(Path dir, String version) {
		if (version == null || !VERSION.matcher(version).matches()) {
			throw new ReleaseException(List.of(new ReleaseProblem("--version", 0,
					"'" + version + "' is not a release version; use letters, digits, dots and dashes, e.g. 2026")));
		}
		if (!Files.isDirectory(dir)) {
			throw new ReleaseException(List.of(new ReleaseProblem(dir.toString(), 0, "is not a folder holding a CPT release")));
		}
		progress.stage("Reading " + dir.getFileName(), totalBytes(dir));
		Map<String, String[]> texts = new LinkedHashMap<>(); // code -> long, upper, medium, short, consumer
		Map<String, List<String>> clinician = new HashMap<>();

		List<Line> longLines = lines(dir, LONG, true);
		for (String[] row : tabbed(LONG, skipHeader(LONG, longLines), 2, CODE)) {
			texts.put(row[0], new String[] {row[1], null, null, null, null});
		}
		for (String[] row : tabbed(UPPER, skipHeader(UPPER, lines(dir, UPPER, false)), 2, CODE)) {
			describe(texts, UPPER, row, 1);
		}
		for (String[] row : fixedWidth(MEDIUM, lines(dir, MEDIUM, false), MEDIUM_MAX)) {
			describe(texts, MEDIUM, row, 2);
		}
		for (String[] row : fixedWidth(SHORT, lines(dir, SHORT, false), SHORT_MAX)) {
			describe(texts, SHORT, row, 3);
		}
		for (String[] row : withHeader(CONSUMER, lines(dir, CONSUMER, false), "CPT Code", "Consumer Friendly Descriptor", true)) {
			describe(texts, CONSUMER, row, 4);
		}
		for (String[] row : withHeader(CLINICIAN, lines(dir, CLINICIAN, false), "CPT Code", "Clinician Descriptor", false)) {
			if (known(texts, CLINICIAN, row)) {
				clinician.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
			}
		}
		Map<String, String> modifiers = new LinkedHashMap<>();
		for (String[] row : tabbed(MODIFIERS, skipHeader(MODIFIERS, lines(dir, MODIFIERS, false)), 2, MODIFIER)) {
			modifiers.put(row[0], row[1]);
		}
		Map<String, String> deleted = new LinkedHashMap<>();
		for (String[] row : tabbed(DELETED, skipHeader(DELETED, lines(dir, DELETED, false)), 2, CODE)) {
			if (texts.containsKey(row[0])) {
				problems.add(new ReleaseProblem(DELETED, Integer.parseInt(row[2]),
						"code " + row[0] + " is listed as deleted but is also in " + LONG));
			} else {
				deleted.put(row[0], row[1]);
			}
		}
		Map<String, List<String>> primaries = addOnPrimaries(texts, lines(dir, ADD_ON_PRIMARIES, false));
		if (!problems.isEmpty()) {
			throw new ReleaseException(problems);
		}
		Map<String, CptRelease.Code> codes = new LinkedHashMap<>();
		texts.forEach((code, t) -> codes.put(code,
				new CptRelease.Code(code, t[0], t[1], t[2], t[3], t[4], List.copyOf(clinician.getOrDefault(code, List.of())))));
		return new CptRelease(version, codes, modifiers, deleted, primaries, HexFormat.of().formatHex(digest.digest()));
	}

	/**
	 * The add-on pairs: a header row naming "Add-on Code" and "Primary Code", then one pair per
	 * line. Both codes must be codes of this release, and no pair may be listed twice.
	 */
	private Map<String, List<String>> addOnPrimaries(Map<String, String[]> texts, List<Line> lines) {
		Map<String, List<String>> primaries = new LinkedHashMap<>();
		for (String[] row : withHeader(ADD_ON_PRIMARIES, lines, "Add-on Code", "Primary Code", false)) {
			int line = Integer.parseInt(row[2]);
			if (!known(texts, ADD_ON_PRIMARIES, row)) {
				continue;
			}
			if (!CODE.matcher(row[1]).matches() || !texts.containsKey(row[1])) {
				problems.add(new ReleaseProblem(ADD_ON_PRIMARIES, line, "primary code '" + row[1] + "' is not in " + LONG));
			} else if (row[1].equals(row[0])) {
				problems.add(new ReleaseProblem(ADD_ON_PRIMARIES, line, "code " + row[0] + " cannot be its own primary code"));
			} else if (primaries.computeIfAbsent(row[0], k -> new ArrayList<>()).contains(row[1])) {
				problems.add(new ReleaseProblem(ADD_ON_PRIMARIES, line, "the pair " + row[0] + " and " + row[1] + " is listed twice"));
			} else {
				primaries.get(row[0]).add(row[1]);
			}
		}
		primaries.replaceAll((code, list) -> List.copyOf(list));
		return primaries;
	}

	/** Records the text in column {@code slot} for a code of the long descriptor file. */
	private void describe(Map<String, String[]> texts, String file, String[] row, int slot) {
		if (known(texts, file, row)) {
			String[] t = texts.get(row[0]);
			if (t[slot] != null) {
				problems.add(new ReleaseProblem(file, Integer.parseInt(row[2]), "duplicate code " + row[0]));
			}
			t[slot] = row[1];
		}
	}

	private boolean known(Map<String, String[]> texts, String file, String[] row) {
		if (texts.containsKey(row[0])) {
			return true;
		}
		problems.add(new ReleaseProblem(file, Integer.parseInt(row[2]), "code " + row[0] + " is not in " + LONG));
		return false;
	}

	// ---- file formats --------------------------------------------------------------------------
	// Each returns rows of {code, text, line number}, having recorded a problem for every bad line.

	/** Tab-separated {@code code<TAB>text} lines with exactly {@code columns} columns. */
	private List<String[]> tabbed(String file, List<Line> lines, int columns, Pattern codeFormat) {
		List<String[]> rows = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Line line : lines) {
			if (line.text().isBlank()) {
				continue;
			}
			String[] cells = line.text().split("\t", -1);
			if (cells.length != columns) {
				problems.add(new ReleaseProblem(file, line.number(), "expected " + columns
						+ " tab-separated columns (code, descriptor) but found " + cells.length));
				continue;
			}
			addRow(rows, seen, file, line, cells[0].trim(), cells[1].trim(), codeFormat);
		}
		return rows;
	}

	/** AMA's fixed-width files: the code in columns 1-5, a space, the descriptor from column 7. */
	private List<String[]> fixedWidth(String file, List<Line> lines, int maxLength) {
		List<String[]> rows = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Line line : skipHeader(file, lines)) {
			String text = line.text();
			if (text.isBlank()) {
				continue;
			}
			if (text.length() < 7 || text.charAt(5) != ' ') {
				problems.add(new ReleaseProblem(file, line.number(),
						"expected the code in columns 1-5, a space, and the descriptor from column 7"));
				continue;
			}
			String descriptor = text.substring(6).strip();
			if (descriptor.length() > maxLength) {
				problems.add(new ReleaseProblem(file, line.number(), "the descriptor has " + descriptor.length()
						+ " characters; this file allows at most " + maxLength));
				continue;
			}
			addRow(rows, seen, file, line, text.substring(0, 5), descriptor, CODE);
		}
		return rows;
	}

	/**
	 * Tab-separated with a header row naming the columns; {@code codeColumn} and {@code textColumn}
	 * are read. {@code onePerCode}: a second row for a code is a duplicate (not so for clinician
	 * descriptors or primary codes, several of which per code are normal).
	 */
	private List<String[]> withHeader(String file, List<Line> lines, String codeColumn, String textColumn, boolean onePerCode) {
		if (lines.isEmpty()) {
			return List.of();
		}
		List<String> header = List.of(lines.get(0).text().split("\t", -1)).stream().map(String::trim).toList();
		int code = header.indexOf(codeColumn);
		int text = header.indexOf(textColumn);
		if (code < 0 || text < 0) {
			problems.add(new ReleaseProblem(file, lines.get(0).number(), "the header row must name the columns '"
					+ codeColumn + "' and '" + textColumn + "' but has " + header));
			return List.of();
		}
		List<String[]> rows = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Line line : lines.subList(1, lines.size())) {
			if (line.text().isBlank()) {
				continue;
			}
			String[] cells = line.text().split("\t", -1);
			if (cells.length != header.size()) {
				problems.add(new ReleaseProblem(file, line.number(), "expected " + header.size()
						+ " tab-separated columns as in the header but found " + cells.length));
				continue;
			}
			addRow(rows, onePerCode ? seen : new HashMap<>(), file, line, cells[code].trim(), cells[text].trim(), CODE);
		}
		return rows;
	}

	private void addRow(List<String[]> rows, Map<String, Integer> seen, String file, Line line, String code, String text,
			Pattern codeFormat) {
		if (!codeFormat.matcher(code).matches()) {
			problems.add(new ReleaseProblem(file, line.number(), "'" + code + "' is not a "
					+ (codeFormat == CODE ? "CPT code (four digits and a digit or capital letter)" : "modifier (two digits or capitals)")));
			return;
		}
		if (text.isEmpty()) {
			problems.add(new ReleaseProblem(file, line.number(), "code " + code + " has an empty "
					+ (file.equals(ADD_ON_PRIMARIES) ? "primary code" : "descriptor")));
			return;
		}
		Integer first = seen.putIfAbsent(code, line.number());
		if (first != null) {
			problems.add(new ReleaseProblem(file, line.number(), "duplicate code " + code + " (first at line " + first + ")"));
			return;
		}
		rows.add(new String[] {code, text, String.valueOf(line.number())});
	}

	/**
	 * AMA opens its descriptor files with a block of notices that ends at the first blank line. A
	 * file whose first line is already a record has no such block.
	 */
	private List<Line> skipHeader(String file, List<Line> lines) {
		if (lines.isEmpty() || looksLikeRecord(lines.get(0).text())) {
			return lines;
		}
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).text().isBlank()) {
				return lines.subList(i + 1, lines.size());
			}
		}
		problems.add(new ReleaseProblem(file, 1, "starts with a header block that never ends with a blank line, "
				+ "so no line can be read as a code"));
		return List.of();
	}

	private static boolean looksLikeRecord(String line) {
		int end = line.indexOf('\t') > 0 ? line.indexOf('\t') : line.indexOf(' ');
		return end > 0 && (CODE.matcher(line.substring(0, end)).matches() || MODIFIER.matcher(line.substring(0, end)).matches());
	}

	/** The non-blank-trailing lines of a file as strict UTF-8, numbered from 1; blank lines at the end are dropped. */
	private List<Line> lines(Path dir, String file, boolean required) {
		Path path = dir.resolve(file);
		if (!Files.isRegularFile(path)) {
			if (required) {
				problems.add(new ReleaseProblem(file, 0, "is missing; every CPT release has it"));
			}
			return List.of();
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(path);
		} catch (IOException e) {
			problems.add(new ReleaseProblem(file, 0, "cannot be read: " + e.getMessage()));
			return List.of();
		}
		digest.update(file.getBytes(StandardCharsets.UTF_8));
		digest.update(bytes);
		progress.advance(bytes.length);
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
		List<Line> lines = new ArrayList<>();
		int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
		int number = 1;
		for (int i = start; i <= bytes.length; i++) {
			if (i == bytes.length || bytes[i] == '\n') {
				int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
				try {
					lines.add(new Line(number, utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString()));
				} catch (CharacterCodingException e) {
					problems.add(new ReleaseProblem(file, number, "is not valid UTF-8 text; save the file as UTF-8 and import again"));
				}
				start = i + 1;
				number++;
			}
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).text().isBlank()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	private static long totalBytes(Path dir) {
		long total = 0;
		for (String file : List.of(LONG, UPPER, MEDIUM, SHORT, MODIFIERS, DELETED, CONSUMER, CLINICIAN, ADD_ON_PRIMARIES)) {
			try {
				total += Files.isRegularFile(dir.resolve(file)) ? Files.size(dir.resolve(file)) : 0;
			} catch (IOException e) {
				// counted as empty; reading it reports the problem
			}
		}
		return total;
	}
}
