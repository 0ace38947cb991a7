package org.procterm.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an EHR's infobutton asks (HL7 URL-based Infobutton) and what it gets back, over HTTP. */
@ExtendWith(LiveServer.class)
class InfobuttonTest {

	private static final String ATOM = "http://www.w3.org/2005/Atom";
	private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> ask(LiveServer.Server server, String query) throws Exception {
		String root = server.baseUrl().substring(0, server.baseUrl().length() - "/fhir".length());
		return http.send(HttpRequest.newBuilder(URI.create(root + "/infobutton?" + query)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aPatientAsksInSpanishAsJsonAndGetsTheSpanishPage(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=63185&mainSearchCriteria.v.cs=2.16.840.1.113883.6.12"
				+ "&informationRecipient=PAT&informationRecipient.languageCode.c=es&knowledgeResponseType=application/json");
		assertEquals(200, r.statusCode());
		assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
		JsonNode feed = new ObjectMapper().readTree(r.body()).get("feed");
		assertEquals("es", feed.get("lang").asText());
		assertEquals(1, feed.get("entry").size(), "a patient gets the patient page only");
		JsonNode entry = feed.get("entry").get(0);
		assertEquals("es", entry.get("lang").asText());
		assertTrue(entry.get("title").get("_value").asText().startsWith("Cirugía de columna"), entry.toString());
		assertTrue(entry.get("link").get(0).get("href").asText().endsWith("/procedures/63185?lang=es"));
		assertTrue(entry.get("summary").get("_value").asText().contains("rizotomía"), entry.toString());
	}

	@Test
	void theDefaultAnswerIsAnAtomFeedOfTheKnowledgeResponseShape(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=22210&mainSearchCriteria.v.cs=2.16.840.1.113883.6.12"
				+ "&mainSearchCriteria.v.dn=Osteotomy&informationRecipient=PAT&patientPerson.administrativeGenderCode.c=F&age.v.v=45");
		assertEquals(200, r.statusCode());
		DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
		f.setNamespaceAware(true);
		Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
		Element feed = doc.getDocumentElement();
		assertEquals(ATOM, feed.getNamespaceURI());
		assertEquals("feed", feed.getLocalName());
		assertEquals("en", feed.getAttributeNS(XML_NS, "lang"));
		for (String child : new String[] {"title", "id", "updated", "author"}) {
			assertEquals(1, direct(feed, child), "feed/" + child);
		}
		NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
		assertEquals(1, entries.getLength());
		Element entry = (Element) entries.item(0);
		assertEquals("en", entry.getAttributeNS(XML_NS, "lang"));
		assertTrue(text(entry, "title").startsWith("Neck spine realignment surgery"));
		Element link = (Element) entry.getElementsByTagNameNS(ATOM, "link").item(0);
		assertTrue(link.getAttribute("href").endsWith("/procedures/22210"), link.getAttribute("href"));
		assertTrue(text(entry, "summary").length() > 40);
		assertEquals(1, direct(entry, "id"));
		assertEquals(1, direct(entry, "updated"));
	}

	@Test
	void aProviderAlsoGetsTheDescriptorAndCodingFacts(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=63295&mainSearchCriteria.v.cs=http://www.ama-assn.org/go/cpt"
				+ "&informationRecipient=PROV&knowledgeResponseType=application/json");
		JsonNode entries = new ObjectMapper().readTree(r.body()).get("feed").get("entry");
		assertEquals(2, entries.size());
		String facts = entries.get(1).get("summary").get("_value").asText();
		assertTrue(facts.contains("Osteoplastic reconstruction of dorsal spinal elements") && facts.contains("addOn: true")
				&& facts.contains("primaryCode: 63185, 63190"), facts);
	}

	@Test
	void severalCriteriaWithAnIndexAreEachAnswered(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=63185&mainSearchCriteria1.v.c=63295"
				+ "&mainSearchCriteria1.v.cs=2.16.840.1.113883.6.12&knowledgeResponseType=application/json");
		JsonNode entries = new ObjectMapper().readTree(r.body()).get("feed").get("entry");
		assertEquals(2, entries.size());
	}

	@Test
	void anUnknownCodeOrOtherCodeSystemGetsAnEmptyFeedNotAnError(LiveServer.Server server) throws Exception {
		HttpResponse<String> unknown = ask(server, "mainSearchCriteria.v.c=99999&mainSearchCriteria.v.cs=2.16.840.1.113883.6.12"
				+ "&knowledgeResponseType=application/json");
		assertEquals(200, unknown.statusCode());
		assertEquals(0, new ObjectMapper().readTree(unknown.body()).get("feed").get("entry").size());
		HttpResponse<String> snomed = ask(server, "mainSearchCriteria.v.c=63185&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96");
		assertEquals(200, snomed.statusCode());
		assertTrue(!snomed.body().contains("<entry"), "a code of another code system is not ours to answer");
	}

	@Test
	void aBrowserIsSentToThePage(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=63185&mainSearchCriteria.v.cs=2.16.840.1.113883.6.12"
				+ "&informationRecipient.languageCode.c=es-MX&knowledgeResponseType=text/html");
		assertEquals(302, r.statusCode());
		assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/procedures/63185?lang=es"), r.headers().toString());
	}

	@Test
	void theFirstCriterionDecidesWhereABrowserGoesAndAnUnknownOneGoesToTheSearch(LiveServer.Server server) throws Exception {
		HttpResponse<String> both = ask(server, "mainSearchCriteria1.v.c=63295&mainSearchCriteria.v.c=63185&mainSearchCriteria10.v.c=22210"
				+ "&knowledgeResponseType=text/html");
		assertTrue(both.headers().firstValue("Location").orElse("").endsWith("/procedures/63185"), both.headers().toString());
		HttpResponse<String> unknown = ask(server, "mainSearchCriteria.v.c=99999&knowledgeResponseType=text/html&informationRecipient.languageCode.c=es");
		assertTrue(unknown.headers().firstValue("Location").orElse("").endsWith("/search?q=99999&lang=es"), unknown.headers().toString());
		HttpResponse<String> byName = ask(server, "mainSearchCriteria.v.dn=rhizotomy&knowledgeResponseType=text/html");
		assertTrue(byName.headers().firstValue("Location").orElse("").endsWith("/search?q=rhizotomy"), byName.headers().toString());
	}

	@Test
	void controlCharactersInTheRequestCannotBreakTheFeed(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = ask(server, "mainSearchCriteria.v.c=63185&informationRecipient=PAT%01%02");
		assertEquals(200, r.statusCode());
		DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
	}

	private static int direct(Element parent, String name) {
		int n = 0;
		for (org.w3c.dom.Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
			if (c instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
				n++;
			}
		}
		return n;
	}

	private static String text(Element parent, String name) {
		return parent.getElementsByTagNameNS(ATOM, name).item(0).getTextContent();
	}
}
