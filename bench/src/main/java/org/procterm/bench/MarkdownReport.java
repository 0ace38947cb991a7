package org.procterm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark report as Markdown: per code system size, how each server loaded, and one table
 * with procterm's latency and throughput per operation beside stock HAPI's, and the ratio of the two.
 */
final class MarkdownReport {

	private MarkdownReport() {}

	/** A report as {@link Benchmark} wrote it to JSON, with each run's results as {@link LoadRunner.Result}s again. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> read(java.nio.file.Path json) throws java.io.IOException {
		com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
		Map<String, Object> report = mapper.readValue(json.toFile(), Map.class);
		for (Map<String, Object> run : (List<Map<String, Object>>) report.get("runs")) {
			run.put("results", ((List<Object>) run.get("results")).stream().map(r -> mapper.convertValue(r, LoadRunner.Result.class)).toList());
		}
		return report;
	}

	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> report) {
		StringBuilder md = new StringBuilder();
		md.append("Measured ").append(report.get("date")).append(" on ").append(report.get("machine")).append(".\n");
		Map<Integer, List<Map<String, Object>>> bySize = new LinkedHashMap<>();
		for (Map<String, Object> run : (List<Map<String, Object>>) report.get("runs")) {
			bySize.computeIfAbsent(((Number) run.get("concepts")).intValue(), k -> new ArrayList<>()).add(run);
		}
		bySize.forEach((size, runs) -> {
			md.append(String.format(Locale.ROOT, "%n**%,d concepts**%n%n", size));
			for (Map<String, Object> run : runs) {
				md.append("- ").append(loading(run)).append('\n');
			}
			Map<String, Object> ours = find(runs, Benchmark.PROCTERM);
			Map<String, Object> stock = find(runs, Benchmark.STOCK);
			md.append("\n| operation | clients | procterm p50 ms | p95 ms | p99 ms | req/s | errors | stock HAPI p50 ms | p95 ms | req/s | errors | procterm/stock req/s |\n");
			md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			List<LoadRunner.Result> rows = ours != null ? (List<LoadRunner.Result>) ours.get("results") : (List<LoadRunner.Result>) stock.get("results");
			for (LoadRunner.Result row : rows) {
				LoadRunner.Result o = ours == null ? null : row;
				LoadRunner.Result s = stock == null ? null : ((List<LoadRunner.Result>) stock.get("results")).stream()
						.filter(r -> r.operation().equals(row.operation()) && r.clients() == row.clients()).findFirst().orElse(null);
				md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", row.operation(), row.clients(),
						ms(o, o == null ? 0 : o.p50()), ms(o, o == null ? 0 : o.p95()), ms(o, o == null ? 0 : o.p99()), perSecond(o), errors(o),
						ms(s, s == null ? 0 : s.p50()), ms(s, s == null ? 0 : s.p95()), perSecond(s), errors(s), ratio(o, s)));
			}
			if (ours != null && stock != null && ours.containsKey("typeaheadAnswers") && stock.containsKey("typeaheadAnswers")) {
				md.append("\nTypeahead answers (`count=3`): how many codes each server finds, and its first code.\n\n");
				md.append("| filter | procterm total | procterm first | stock HAPI total | stock HAPI first |\n|---|---:|---|---:|---|\n");
				Map<String, Map<String, Object>> a = (Map<String, Map<String, Object>>) ours.get("typeaheadAnswers");
				Map<String, Map<String, Object>> b = (Map<String, Map<String, Object>>) stock.get("typeaheadAnswers");
				a.forEach((filter, answer) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", filter,
						total(answer), first(answer), total(b.get(filter)), first(b.get(filter)))));
			}
		});
		return md.toString();
	}

	private static String total(Map<String, Object> answer) {
		if (answer == null) {
			return "";
		}
		if (!answer.containsKey("total")) {
			return "HTTP " + answer.get("status");
		}
		if (((Number) answer.get("total")).intValue() >= 0) {
			return String.valueOf(answer.get("total"));
		}
		return answer.containsKey("returned") ? "no total, " + answer.get("returned") + " returned" : "no total";
	}

	@SuppressWarnings("unchecked")
	private static String first(Map<String, Object> answer) {
		List<String> first = answer == null ? null : (List<String>) answer.get("first");
		return first == null || first.isEmpty() ? "" : first.get(0).replace("|", "/");
	}

	private static Map<String, Object> find(List<Map<String, Object>> runs, String target) {
		return runs.stream().filter(r -> target.equals(r.get("target"))).findFirst().orElse(null);
	}

	private static String loading(Map<String, Object> run) {
		StringBuilder line = new StringBuilder(Benchmark.STOCK.equals(run.get("target")) ? "stock HAPI: " : "procterm: ");
		if (run.containsKey("storeCallSeconds")) {
			line.append(String.format(Locale.ROOT, "PUT of the CodeSystem %.1f s, ", seconds(run, "storeCallSeconds")));
		}
		if (run.containsKey("loadSeconds")) {
			line.append(String.format(Locale.ROOT, "every code answering `$lookup` after %.1f s, ", seconds(run, "loadSeconds")));
		}
		if (run.containsKey("firstExpandSeconds")) {
			line.append(String.format(Locale.ROOT, "both value sets expanding %.1f s later, ", seconds(run, "firstExpandSeconds")));
		}
		if (run.containsKey("notReady")) {
			line.append(run.get("notReady")).append(", ");
		}
		line.append(String.format(Locale.ROOT, "resident memory %d MiB before the load, %d MiB after it, %d MiB after the run",
				mib(run, "rssBeforeLoadMiB"), mib(run, "rssAfterLoadMiB"), mib(run, "rssAfterRunMiB")));
		if (run.containsKey("restartToReadySeconds")) {
			line.append(String.format(Locale.ROOT, "; restarted on the same data, ready (`/health/ready`) after %.1f s (load average %.2f)",
					seconds(run, "restartToReadySeconds"), seconds(run, "loadAverageAtRestart")));
		}
		line.append('.');
		return line.toString();
	}

	// numbers read back from JSON come as the smallest type that holds them
	private static long mib(Map<String, Object> run, String key) {
		return ((Number) run.get(key)).longValue();
	}

	private static double seconds(Map<String, Object> run, String key) {
		return ((Number) run.get(key)).doubleValue();
	}

	private static String ms(LoadRunner.Result r, double value) {
		return r == null ? "" : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String perSecond(LoadRunner.Result r) {
		return r == null ? "" : String.format(Locale.ROOT, "%.0f", r.perSecond());
	}

	private static String errors(LoadRunner.Result r) {
		return r == null ? "" : String.valueOf(r.errors());
	}

	/** Throughput of procterm over stock; blank when either is missing or stock answered with errors (a failing call is not a rate). */
	private static String ratio(LoadRunner.Result ours, LoadRunner.Result stock) {
		if (ours == null || stock == null || ours.errors() > 0) {
			return "";
		}
		if (stock.errors() > 0) {
			return "stock failed";
		}
		return String.format(Locale.ROOT, "%.1fx", ours.perSecond() / stock.perSecond());
	}
}
