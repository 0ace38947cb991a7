package org.procterm.web;

import java.util.Arrays;
import java.util.Map;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.procterm.content.model.Language;
import org.procterm.content.model.Section;

/**
 * A patient page's Markdown as HTML for the site. Raw HTML in the Markdown is escaped. Each
 * section heading gets its section's code as its id (the same in every language), so a link or a
 * language switch can keep the reader's place: {@code /procedures/63185?lang=es#risks}.
 */
final class PageRenderer {

	private final Parser parser = Parser.builder().build();

	String html(String markdown, Language language) {
		HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true)
				.attributeProviderFactory(context -> new SectionIds(language)).build();
		return renderer.render(parser.parse(markdown));
	}

	private record SectionIds(Language language) implements AttributeProvider {
		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			if (node instanceof Heading h && h.getLevel() >= 2) {
				String title = text(h);
				Arrays.stream(Section.values()).filter(s -> s.title(language).equalsIgnoreCase(title)).findFirst()
						.ifPresent(s -> attributes.put("id", s.code()));
			}
		}

		private static String text(Heading h) {
			StringBuilder sb = new StringBuilder();
			for (Node n = h.getFirstChild(); n != null; n = n.getNext()) {
				if (n instanceof Text t) {
					sb.append(t.getLiteral());
				}
			}
			return sb.toString().trim();
		}
	}
}
