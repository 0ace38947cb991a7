package org.procterm.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.procterm.content.fhir.Canonicals;
import org.procterm.content.model.Language;
import org.procterm.engine.LookupResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HL7's URL-based Infobutton (Context-Aware Knowledge Retrieval) for procedure codes: an EHR asks
 * by code ({@code mainSearchCriteria.v.c}, with CPT's OID or URL in {@code .v.cs}), for a patient
 * ({@code informationRecipient=PAT}) or a provider ({@code PROV}), in a language
 * ({@code informationRecipient.languageCode.c}), and gets a Knowledge Response: an Atom feed
 * ({@code text/xml}, the default), its JSON form ({@code application/json}), or a redirect to the
 * page ({@code text/html}). Several criteria may be sent with an index ({@code mainSearchCriteria1.v.c}).
 * A patient gets the plain-language page; a provider also gets the code's descriptor and coding
 * facts. An unknown code gets an empty feed. Parameters this server does not use are ignored, as
 * the guide asks.
 */
public final class InfobuttonServlet extends HttpServlet {

	static final String CPT_OID = "2.16.840.1.113883.6.12";
	private static final Pattern CRITERION = Pattern.compile("mainSearchCriteria(\\d*)\\.v\\.(c|cs|dn)(\\d*)");
	private static final String ATOM = "http://www.w3.org/2005/Atom";
	private static final java.util.Set<String> CODING_PROPERTIES = java.util.Set.of("addOn", "primaryCode", "section", "bodyRegion",
			"approach", "similarCode");
	private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
	/** Characters XML 1.0 cannot carry; an echoed parameter could hold them. */
	private static final Pattern NOT_XML = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");

	private final ProcedureCatalog catalog;
	private final ObjectMapper json = new ObjectMapper();

	InfobuttonServlet(ProcedureCatalog catalog) {
		this.catalog = catalog;
	}

	/** One thing the EHR asks about. */
	private record Criterion(String code, String system, String displayName) {
		boolean isCpt() {
			return system == null || system.isBlank() || system.equals(CPT_OID) || system.equals("urn:oid:" + CPT_OID)
					|| system.equals(Canonicals.CPT);
		}
	}

	/** One answer: an entry of the feed. */
	private record Entry(String id, String title, String link, String summary, Language language, String updated) {}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		List<Criterion> criteria = criteria(request);
		Language language = language(request.getParameter("informationRecipient.languageCode.c"));
		boolean provider = "PROV".equalsIgnoreCase(String.valueOf(request.getParameter("informationRecipient")));
		// links are relative to this server, as the client reached it: nothing is taken from the Host header
		List<Entry> entries = new ArrayList<>();
		for (Criterion c : criteria) {
			if (c.code() != null && c.isCpt()) {
				entries.addAll(entries(c.code(), language, provider));
			}
		}
		String type = request.getParameter("knowledgeResponseType");
		type = type == null ? "text/xml" : type.trim().toLowerCase(Locale.ROOT);
		if (type.equals("text/html")) {
			String asked = criteria.stream().map(c -> c.code() != null ? c.code() : c.displayName()).filter(v -> v != null).findFirst().orElse("");
			response.sendRedirect(entries.isEmpty() ? "/search?q=" + Html.url(asked) + (language == Language.EN ? "" : "&lang=" + language.tag())
					: entries.get(0).link());
			return;
		}
		byte[] body;
		if (type.equals("application/json") || type.equals("application/javascript")) {
			response.setContentType("application/json; charset=utf-8");
			body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(jsonFeed(request, criteria, entries, language));
		} else {
			response.setContentType("text/xml; charset=utf-8");
			body = atomFeed(request, criteria, entries, language).getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private List<Entry> entries(String code, Language language, boolean provider) {
		List<Entry> entries = new ArrayList<>();
		Optional<ProcedureCatalog.PatientPage> page = catalog.page(code, language);
		String updated = page.map(p -> p.updated()).filter(d -> d != null).map(d -> d.toInstant().truncatedTo(ChronoUnit.SECONDS))
				.orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS)).toString();
		page.ifPresent(p -> entries.add(new Entry("urn:procterm:procedure:" + Html.url(code) + ":" + p.language().tag(), p.name(),
				Canonicals.page(code, p.language()), p.summary(), p.language(), updated)));
		if (provider) {
			String lookup = "/fhir/CodeSystem/$lookup?system=" + Canonicals.CPT + "&code=" + Html.url(code);
			catalog.lookup(code, Language.EN).ifPresent(l -> entries.add(new Entry("urn:procterm:coding:" + Html.url(code),
					SiteText.CODING_FACTS.in(language) + " " + code, lookup, codingFacts(l), Language.EN, updated)));
		}
		return entries;
	}

	/** The descriptor and the properties a coder checks, in one line each (the descriptor is English, as AMA publishes it). */
	private static String codingFacts(LookupResult l) {
		StringBuilder facts = new StringBuilder("CPT ").append(l.code()).append(" (").append(l.version()).append("): ").append(l.display());
		Map<String, List<String>> byCode = new LinkedHashMap<>();
		for (LookupResult.Property p : l.properties()) {
			if (CODING_PROPERTIES.contains(p.code()) && p.value() != null) {
				byCode.computeIfAbsent(p.code(), k -> new ArrayList<>()).add(p.value().primitiveValue());
			}
		}
		byCode.forEach((k, v) -> facts.append("\n").append(k).append(": ").append(String.join(", ", v)));
		return facts.toString();
	}

	private static List<Criterion> criteria(HttpServletRequest request) {
		// in the order the EHR numbered them: the unnumbered criterion first, then 1, 2, ... 10 (as numbers, not text)
		Map<Long, String[]> found = new TreeMap<>();
		for (String name : request.getParameterMap().keySet()) {
			Matcher m = CRITERION.matcher(name);
			String number = m.matches() ? m.group(1) + m.group(3) : null;
			if (number != null && number.length() <= 9) {
				long index = number.isEmpty() ? -1 : Long.parseLong(number);
				String[] c = found.computeIfAbsent(index, k -> new String[3]);
				c[switch (m.group(2)) { case "c" -> 0; case "cs" -> 1; default -> 2; }] = request.getParameter(name);
			}
		}
		return found.values().stream().map(c -> new Criterion(blank(c[0]), blank(c[1]), blank(c[2]))).toList();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** The recipient's language, from a code such as es, es-MX or a preference list; English when none of ours matches. */
	static Language language(String code) {
		return Language.preferred(code).orElse(Language.EN);
	}

	private String atomFeed(HttpServletRequest request, List<Criterion> criteria, List<Entry> entries, Language language) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter x = XML.createXMLStreamWriter(out);
			x.writeStartDocument("UTF-8", "1.0");
			x.writeStartElement("feed");
			x.writeDefaultNamespace(ATOM);
			x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", language.tag());
			element(x, "title", SiteText.FEED_TITLE.in(language), "text");
			element(x, "id", "urn:uuid:" + java.util.UUID.randomUUID(), null);
			element(x, "updated", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), null);
			x.writeStartElement("author");
			element(x, "name", "procterm", null);
			element(x, "uri", "/", null);
			x.writeEndElement();
			for (String[] category : categories(request, criteria)) {
				x.writeEmptyElement("category");
				x.writeAttribute("scheme", category[0]);
				x.writeAttribute("term", NOT_XML.matcher(category[1]).replaceAll(""));
			}
			for (Entry e : entries) {
				x.writeStartElement("entry");
				x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", e.language().tag());
				element(x, "title", e.title(), "text");
				x.writeEmptyElement("link");
				x.writeAttribute("href", e.link());
				x.writeAttribute("rel", "alternate");
				x.writeAttribute("type", "text/html");
				x.writeAttribute("hreflang", e.language().tag());
				element(x, "id", e.id(), null);
				element(x, "updated", e.updated(), null);
				element(x, "summary", e.summary(), "text");
				x.writeEndElement();
			}
			x.writeEndElement();
			x.writeEndDocument();
			x.close();
		} catch (XMLStreamException e) {
			throw new IllegalStateException("writing a feed to memory cannot fail", e);
		}
		return out.toString();
	}

	private static void element(XMLStreamWriter x, String name, String text, String type) throws XMLStreamException {
		x.writeStartElement(name);
		if (type != null) {
			x.writeAttribute("type", type);
		}
		x.writeCharacters(text == null ? "" : NOT_XML.matcher(text).replaceAll(""));
		x.writeEndElement();
	}

	/** The feed in the JSON form the Infobutton SOA guide uses (element values under {@code _value}, attributes as keys). */
	private ObjectNode jsonFeed(HttpServletRequest request, List<Criterion> criteria, List<Entry> entries, Language language) {
		ObjectNode root = json.createObjectNode();
		ObjectNode feed = root.putObject("feed");
		feed.put("lang", language.tag());
		value(feed.putObject("title"), SiteText.FEED_TITLE.in(language)).put("type", "text");
		value(feed.putObject("id"), "urn:uuid:" + java.util.UUID.randomUUID());
		value(feed.putObject("updated"), DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
		ObjectNode author = feed.putObject("author");
		value(author.putObject("name"), "procterm");
		value(author.putObject("uri"), "/");
		ArrayNode categories = feed.putArray("category");
		for (String[] c : categories(request, criteria)) {
			categories.addObject().put("scheme", c[0]).put("term", c[1]);
		}
		ArrayNode list = feed.putArray("entry");
		for (Entry e : entries) {
			ObjectNode entry = list.addObject();
			entry.put("lang", e.language().tag());
			value(entry.putObject("title"), e.title()).put("type", "text");
			entry.putArray("link").addObject().put("href", e.link()).put("rel", "alternate").put("type", "text/html")
					.put("hreflang", e.language().tag());
			value(entry.putObject("id"), e.id());
			value(entry.putObject("updated"), e.updated());
			value(entry.putObject("summary"), e.summary()).put("type", "text");
		}
		return root;
	}

	private static ObjectNode value(ObjectNode node, String value) {
		return node.put("_value", value);
	}

	/** The request's criteria echoed as the feed's categories, as knowledge responses do. */
	private static List<String[]> categories(HttpServletRequest request, List<Criterion> criteria) {
		List<String[]> out = new ArrayList<>();
		for (Criterion c : criteria) {
			if (c.code() != null) {
				out.add(new String[] {"mainSearchCriteria.v.c", c.code()});
			}
			if (c.system() != null) {
				out.add(new String[] {"mainSearchCriteria.v.cs", c.system()});
			}
		}
		for (String name : List.of("informationRecipient", "informationRecipient.languageCode.c")) {
			if (blank(request.getParameter(name)) != null) {
				out.add(new String[] {name, request.getParameter(name).trim()});
			}
		}
		return out;
	}
}
