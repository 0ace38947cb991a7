package org.procterm.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark report as Markdown tables, one per code system size. */
final class MarkdownReport {

	private MarkdownReport() {}

	@SuppressWarnings("unchecked")
	static String render(Map<String, Object> report) {
		StringBuilder md = new StringBuilder();
		md.append("Measured ").append(report.get("date")).append(" on ").append(report.get("machine")).append(".\n");
		for (Map<String, Object> run : (List<Map<String, Object>>) report.get("runs")) {
			md.append(String.format(Locale.ROOT, "%n**%,d concepts**: import call %.1f s, first expansion of the two value sets %.1f s, "
					+ "resident memory %d MiB before the load, %d MiB after it, %d MiB after the run.%n%n",
					(Integer) run.get("concepts"), (Double) run.get("loadSeconds"), (Double) run.get("firstExpandSeconds"),
					(Long) run.get("rssBeforeLoadMiB"), (Long) run.get("rssAfterLoadMiB"), (Long) run.get("rssAfterRunMiB")));
			md.append("| operation | clients | p50 ms | p95 ms | p99 ms | req/s | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
			for (LoadRunner.Result r : (List<LoadRunner.Result>) run.get("results")) {
				md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.0f | %d |%n",
						r.operation(), r.clients(), r.p50(), r.p95(), r.p99(), r.perSecond(), r.errors()));
			}
		}
		return md.toString();
	}
}
