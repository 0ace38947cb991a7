package org.procterm.content.fhir;

import java.util.EnumMap;
import java.util.Map;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.procterm.content.model.ProcedureText;
import org.procterm.content.model.Section;

/** A writer's Markdown as plain text (for FHIR text fields and readability) or as HTML; raw HTML is escaped, never passed through, and link addresses are sanitised (no javascript:). */
public final class MarkdownText {

	private final Parser parser = Parser.builder().build();
	private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
	private final TextContentRenderer text = TextContentRenderer.builder().build();

	public String plain(String markdown) {
		return text.render(parser.parse(markdown)).strip();
	}

	public String html(String markdown) {
		return html.render(parser.parse(markdown));
	}

	/** A heading's text as written, without its Markdown marks. */
	public static String headingText(org.commonmark.node.Heading heading) {
		StringBuilder sb = new StringBuilder();
		for (org.commonmark.node.Node n = heading.getFirstChild(); n != null; n = n.getNext()) {
			if (n instanceof org.commonmark.node.Text t) {
				sb.append(t.getLiteral());
			}
		}
		return sb.toString().trim();
	}

	/** Each written section as plain text, in page order (a parent of ### parts is empty). */
	public Map<Section, String> plainSections(ProcedureText t) {
		Map<Section, String> out = new EnumMap<>(Section.class);
		t.sections().forEach((section, md) -> out.put(section, plain(md)));
		return out;
	}
}
