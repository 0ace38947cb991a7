package org.procterm.web;

import java.util.Arrays;
import java.util.Map;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.procterm.content.model.Language;
import org.procterm.content.model.Section;

/**
 * A patient page's Markdown as HTML for the site. Raw HTML in the Markdown is escaped and link
 * addresses are sanitised (no {@code javascript:}). It differs from the content pipeline's
 * {@code MarkdownText} in one way: each
 * section heading gets its section's code as its id (the same in every language), so a link or a
 * language switch can keep the reader's place: {@code /procedures/63185?lang=es#risks}.
 */
final class PageRenderer {

	private final Parser parser = Parser.builder().build();
	/** One renderer per language (they are thread-safe): headings are matched to sections in the page's language. */
	private final Map<Language, HtmlRenderer> renderers = new java.util.EnumMap<>(Language.class);

	PageRenderer() {
		for (Language l : Language.values()) {
			renderers.put(l, HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
					.attributeProviderFactory(context -> new SectionIds(l)).build());
		}
	}

	String html(String markdown, Language language) {
		return renderers.get(language).render(parser.parse(markdown));
	}

	private record SectionIds(Language language) implements AttributeProvider {
		@Override
		public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
			if (node instanceof Heading h && h.getLevel() >= 2) {
				String title = org.procterm.content.fhir.MarkdownText.headingText(h);
				Arrays.stream(Section.values()).filter(s -> s.title(language).equalsIgnoreCase(title)).findFirst()
						.ifPresent(s -> attributes.put("id", s.code()));
			}
		}
	}
}
