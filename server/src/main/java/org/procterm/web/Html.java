package org.procterm.web;

import org.procterm.content.model.Language;

/** The shell every page shares: language, landmarks, skip link, search box, language switch, footer. */
final class Html {

	private Html() {}

	static String escape(String s) {
		if (s == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(s.length() + 16);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	static String url(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * A whole page. {@code path} is the page's own address without {@code lang}, for the language
	 * switch; {@code showsCpt} adds AMA's copyright line where CPT descriptors appear.
	 */
	static String page(Language l, String title, String path, String query, String main, boolean showsCpt) {
		String sep = path.contains("?") ? "&" : "?";
		StringBuilder html = new StringBuilder(main.length() + 4096);
		html.append("<!DOCTYPE html>\n<html lang=\"").append(l.tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
				.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
				.append("<title>").append(escape(title)).append(" | procterm</title>\n")
				.append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n")
				.append("<script src=\"/assets/search.js\" defer></script>\n</head>\n<body>\n")
				.append("<a class=\"skip\" href=\"#main\">").append(SiteText.SKIP.in(l)).append("</a>\n")
				.append("<header class=\"site\">\n<div class=\"bar\">\n<a class=\"brand\" href=\"/").append(l == Language.EN ? "" : "?lang=" + l.tag())
				.append("\">procterm</a>\n<nav aria-label=\"").append(SiteText.LANGUAGE.in(l)).append("\" class=\"languages\">\n<ul>\n");
		for (Language other : Language.values()) {
			String name = other == Language.EN ? "English" : "Español";
			if (other == l) {
				html.append("<li><span aria-current=\"page\" lang=\"").append(other.tag()).append("\">").append(name).append("</span></li>\n");
			} else {
				html.append("<li><a class=\"keep-place\" lang=\"").append(other.tag()).append("\" hreflang=\"").append(other.tag())
						.append("\" href=\"").append(escape(path + (other == Language.EN ? "" : sep + "lang=" + other.tag()))).append("\">")
						.append(name).append("</a></li>\n");
			}
		}
		html.append("</ul>\n</nav>\n</div>\n").append(searchForm(l, query)).append("</header>\n")
				.append("<main id=\"main\" tabindex=\"-1\">\n").append(main).append("</main>\n")
				.append("<footer class=\"site\">\n<p>").append(SiteText.TEXT_LICENCE.in(l)).append("</p>\n");
		if (showsCpt) {
			html.append("<p>").append(SiteText.AMA_COPYRIGHT.in(l)).append("</p>\n");
		}
		return html.append("</footer>\n</body>\n</html>\n").toString();
	}

	static String searchForm(Language l, String query) {
		return "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">\n"
				+ "<label for=\"q\">" + SiteText.SEARCH_LABEL.in(l) + "</label>\n"
				+ "<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" value=\""
				+ escape(query == null ? "" : query) + "\" aria-describedby=\"q-hint\" aria-controls=\"live-results\" data-lang=\"" + l.tag() + "\">"
				+ (l == Language.EN ? "" : "<input type=\"hidden\" name=\"lang\" value=\"" + l.tag() + "\">")
				+ "<button type=\"submit\">" + SiteText.SEARCH_BUTTON.in(l) + "</button></div>\n"
				+ "<p id=\"q-hint\" class=\"hint\">" + SiteText.SEARCH_HINT.in(l) + "</p>\n"
				+ "<ul id=\"live-results\" class=\"live-results\" aria-live=\"polite\" hidden></ul>\n</form>\n";
	}
}
