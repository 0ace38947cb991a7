package org.procterm.content.parse;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.procterm.content.model.Range;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML front matter of an authored file, read as SnakeYAML nodes so that every problem can be
 * reported at the line the writer must fix. Each reader adds to the shared error list and returns
 * null (or empty) on a bad value, so that one run reports every problem in the file.
 */
final class FrontMatter {

	private static final Pattern RANGE = Pattern.compile("^(\\d+)(?:\\s*-\\s*(\\d+)|(\\+))?(?:\\s+([a-z]+))?$");

	private final String file;
	private final int lineOffset;
	private final List<ContentError> errors;
	private final Map<String, Node> values = new LinkedHashMap<>();
	private final Map<String, Integer> lines = new LinkedHashMap<>();
	private final int startLine;

	private FrontMatter(String file, MappingNode mapping, int lineOffset, List<ContentError> errors) {
		this.file = file;
		this.lineOffset = lineOffset;
		this.errors = errors;
		this.startLine = mapping == null ? lineOffset + 1 : lineOf(mapping);
		if (mapping != null) {
			for (NodeTuple t : mapping.getValue()) {
				String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
				if (values.containsKey(key)) {
					error(lineOf(t.getKeyNode()), "field '" + key + "' is given twice");
				}
				values.put(key, t.getValueNode());
				lines.put(key, lineOf(t.getKeyNode()));
			}
		}
	}

	/** @param lineOffset the file line just before the first YAML line (the opening '---') */
	static FrontMatter parse(String file, String yaml, int lineOffset, List<ContentError> errors) {
		try {
			Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
			if (root == null) {
				return new FrontMatter(file, null, lineOffset, errors);
			}
			if (!(root instanceof MappingNode mapping)) {
				errors.add(new ContentError(file, lineOffset + 1, "front matter must be a list of 'field: value' lines"));
				return new FrontMatter(file, null, lineOffset, errors);
			}
			return new FrontMatter(file, mapping, lineOffset, errors);
		} catch (MarkedYAMLException e) {
			int line = e.getProblemMark() == null ? lineOffset + 1 : lineOffset + e.getProblemMark().getLine() + 1;
			errors.add(new ContentError(file, line, "front matter is not valid YAML: " + e.getProblem()));
			return new FrontMatter(file, null, lineOffset, errors);
		}
	}

	private int lineOf(Node node) {
		return lineOffset + node.getStartMark().getLine() + 1;
	}

	void error(int line, String message) {
		errors.add(new ContentError(file, line, message));
	}

	int line(String key) {
		return lines.getOrDefault(key, startLine);
	}

	boolean has(String key) {
		return values.containsKey(key);
	}

	Set<String> keys() {
		return values.keySet();
	}

	/** Fields not in {@code allowed} are errors; {@code hint} says where they belong instead. */
	void rejectUnknown(Set<String> allowed, String hint) {
		for (String key : values.keySet()) {
			if (!allowed.contains(key)) {
				error(line(key), "unknown field '" + key + "'" + hint + "; allowed fields: " + String.join(", ", new TreeSet<>(allowed)));
			}
		}
	}

	String string(String key, boolean required) {
		Node node = values.get(key);
		if (node == null) {
			if (required) {
				error(startLine, "missing required field '" + key + "'");
			}
			return null;
		}
		if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
			error(line(key), "field '" + key + "' must be a single text value");
			return null;
		}
		return scalar.getValue().trim();
	}

	boolean bool(String key, boolean defaultValue) {
		String value = string(key, false);
		if (value == null) {
			return defaultValue;
		}
		if (!value.equals("true") && !value.equals("false")) {
			error(line(key), "field '" + key + "' must be true or false, not '" + value + "'");
			return defaultValue;
		}
		return Boolean.parseBoolean(value);
	}

	Integer integer(String key) {
		String value = string(key, false);
		if (value == null) {
			return null;
		}
		try {
			return Integer.parseInt(value);
		} catch (NumberFormatException e) {
			error(line(key), "field '" + key + "' must be a whole number, not '" + value + "'");
			return null;
		}
	}

	List<String> strings(String key) {
		Node node = values.get(key);
		if (node == null) {
			return List.of();
		}
		if (!(node instanceof SequenceNode seq)) {
			error(line(key), "field '" + key + "' must be a list, e.g. " + key + ": [a, b]");
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (Node item : seq.getValue()) {
			if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
				out.add(s.getValue().trim());
			} else {
				error(lineOf(item), "every item of '" + key + "' must be a single text value");
			}
		}
		return out;
	}

	/** A value from {@code vocabulary} (its keys are the allowed codes). */
	String code(String key, Map<String, ?> vocabulary, boolean required) {
		String value = string(key, required);
		if (value != null && !vocabulary.containsKey(value)) {
			error(line(key), "'" + value + "' is not a known value of '" + key + "'; use one of: " + String.join(", ", vocabulary.keySet()));
			return null;
		}
		return value;
	}

	List<String> codes(String key, Map<String, ?> vocabulary) {
		List<String> values = strings(key);
		for (String v : values) {
			if (!vocabulary.containsKey(v)) {
				error(line(key), "'" + v + "' is not a known value of '" + key + "'; use one of: " + String.join(", ", vocabulary.keySet()));
			}
		}
		return values.stream().filter(vocabulary::containsKey).toList();
	}

	/**
	 * A range such as "2-4 hours", "1-2", "3+" or "8 hours". With {@code timeUnit} the unit is
	 * required and must be minutes, hours, days or weeks; without it no unit may be given.
	 */
	Range range(String key, boolean timeUnit) {
		String value = string(key, false);
		if (value == null) {
			return null;
		}
		Matcher m = RANGE.matcher(value);
		String expected = timeUnit ? "e.g. '2-4 hours', '30 minutes', '1-2 days', '4-6 weeks'" : "e.g. '1', '1-2' or '3+'";
		if (!m.matches()) {
			error(line(key), "field '" + key + "' is not a range: '" + value + "'; expected " + expected);
			return null;
		}
		int min = Integer.parseInt(m.group(1));
		Integer max = m.group(3) != null ? null : m.group(2) != null ? Integer.valueOf(m.group(2)) : Integer.valueOf(min);
		if (max != null && max < min) {
			error(line(key), "field '" + key + "' runs backwards: '" + value + "'");
			return null;
		}
		String unitWord = m.group(4);
		Range.Unit unit = Range.Unit.NONE;
		if (timeUnit) {
			unit = unitWord == null ? null : switch (unitWord) {
				case "minute", "minutes" -> Range.Unit.MINUTES;
				case "hour", "hours" -> Range.Unit.HOURS;
				case "day", "days" -> Range.Unit.DAYS;
				case "week", "weeks" -> Range.Unit.WEEKS;
				default -> null;
			};
			if (unit == null) {
				error(line(key), "field '" + key + "' needs a unit of minutes, hours, days or weeks: '" + value + "'; expected " + expected);
				return null;
			}
		} else if (unitWord != null) {
			error(line(key), "field '" + key + "' is a count and takes no unit: '" + value + "'; expected " + expected);
			return null;
		}
		return new Range(min, max, unit);
	}

	LocalDate date(String key, boolean required) {
		String value = string(key, required);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		} catch (DateTimeParseException e) {
			error(line(key), "field '" + key + "' must be a date like 2026-11-21, not '" + value + "'");
			return null;
		}
	}

	/** A nested block such as {@code review:}; absent means an empty block. */
	FrontMatter block(String key, boolean required) {
		Node node = values.get(key);
		if (node == null) {
			if (required) {
				error(startLine, "missing required field '" + key + "'");
			}
			return new FrontMatter(file, null, lineOffset, errors);
		}
		if (!(node instanceof MappingNode mapping)) {
			error(line(key), "field '" + key + "' must be a block of 'field: value' lines, indented under it");
			return new FrontMatter(file, null, lineOffset, errors);
		}
		return new FrontMatter(file, mapping, lineOffset, errors);
	}

	/** A list of blocks, such as {@code payerPolicies:}. */
	List<FrontMatter> blocks(String key) {
		Node node = values.get(key);
		if (node == null) {
			return List.of();
		}
		if (!(node instanceof SequenceNode seq)) {
			error(line(key), "field '" + key + "' must be a list of blocks");
			return List.of();
		}
		List<FrontMatter> out = new ArrayList<>();
		for (Node item : seq.getValue()) {
			if (item instanceof MappingNode m) {
				out.add(new FrontMatter(file, m, lineOffset, errors));
			} else {
				error(lineOf(item), "every item of '" + key + "' must be a block of 'field: value' lines");
			}
		}
		return out;
	}
}
