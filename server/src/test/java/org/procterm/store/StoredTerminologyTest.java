package org.procterm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.procterm.LiveServer;
import org.procterm.TestServers;
import org.procterm.config.ServerSettings;
import org.procterm.server.ProcTermServer;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The engine loads the stored terminology straight from HAPI's tables (StoredTerminology), so a
 * start need not wait for HAPI's JPA layer. What it loads must be what a FHIR client reads from
 * the same server: bodies, ids, versions, last-updated times, tags, profiles, security labels and
 * source; current versions only; nothing deleted. On H2 and on a real PostgreSQL.
 */
class StoredTerminologyTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@ParameterizedTest(name = "on {0}")
	@ValueSource(strings = {"H2", "PostgreSQL"})
	void theEngineLoadsWhatAFhirClientReads(String database) throws Exception {
		EmbeddedPostgres postgres = database.equals("PostgreSQL") ? EmbeddedPostgres.builder().start() : null;
		try {
			ServerSettings settings = TestServers.settings(TestServers.newDataDir(), postgres == null ? Map.of() : TestServers.migrated(postgres));
			try (ProcTermServer server = ProcTermServer.start(settings)) {
				LiveServer.Server s = LiveServer.clientsFor(server.baseUrl());
				CodeSystem tagged = new CodeSystem().setUrl("http://example.org/stored/tagged").setVersion("1").setStatus(PublicationStatus.DRAFT)
						.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
				tagged.setId("stored-tagged");
				tagged.getMeta().addTag().setSystem("http://example.org/tags").setCode("reviewed").setDisplay("Reviewed").setVersion("2")
						.setUserSelected(true);
				tagged.getMeta().addTag("http://example.org/tags", "second", null);
				tagged.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/shareablecodesystem");
				tagged.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N", "normal");
				tagged.addConcept().setCode("a").setDisplay("Alpha");
				s.admin().update().resource(tagged).execute();
				tagged.setVersion("2").addConcept().setCode("b").setDisplay("Beta");
				s.admin().update().resource(tagged).execute(); // version 2 is the current one

				CodeSystem gone = new CodeSystem().setUrl("http://example.org/stored/gone").setStatus(PublicationStatus.DRAFT)
						.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
				gone.setId("stored-gone");
				s.admin().update().resource(gone).execute();
				s.admin().delete().resourceById("CodeSystem", "stored-gone").execute();

				ValueSet vs = new ValueSet().setUrl("http://example.org/stored/vs").setStatus(PublicationStatus.DRAFT);
				vs.setId("stored-vs");
				vs.getCompose().addInclude().setSystem("http://example.org/stored/tagged");
				s.admin().update().resource(vs).execute();

				StoredTerminology stored = new StoredTerminology(DirectConnections.to(settings), FhirContext.forR4());
				Map<String, String> loaded = new TreeMap<>();
				for (DomainResource r : stored.current()) {
					loaded.put(r.getIdElement().toUnqualifiedVersionless().getValue(), normalised(r));
				}
				Map<String, String> read = new TreeMap<>();
				for (Class<? extends DomainResource> type : java.util.List.of(CodeSystem.class, ValueSet.class)) {
					Bundle all = s.admin().search().forResource(type).count(1000).returnBundle(Bundle.class).execute();
					for (Bundle.BundleEntryComponent e : all.getEntry()) {
						DomainResource r = (DomainResource) s.admin().read().resource(type).withId(e.getResource().getIdElement().getIdPart()).execute();
						read.put(r.getIdElement().toUnqualifiedVersionless().getValue(), normalised(r));
					}
				}
				assertTrue(read.containsKey("CodeSystem/stored-tagged") && read.containsKey("ValueSet/stored-vs"), read.keySet().toString());
				assertTrue(read.containsKey("CodeSystem/cpt"), "the bundled content is among them: " + read.keySet());
				assertEquals(read.keySet(), loaded.keySet(), "the same resources, and not the deleted one");
				read.forEach((id, json) -> assertEquals(json, loaded.get(id), id));

				DomainResource current = stored.read("CodeSystem", "stored-tagged").orElseThrow();
				assertEquals("2", current.getMeta().getVersionId());
				assertEquals(2, ((CodeSystem) current).getConcept().size());
				assertTrue(stored.read("CodeSystem", "stored-gone").isEmpty(), "a deleted resource is not read");
				assertTrue(stored.read("ValueSet", "never-stored").isEmpty());
			}
		} finally {
			if (postgres != null) {
				postgres.close();
			}
		}
	}

	/** The resource as JSON with its id unqualified. */
	private static String normalised(DomainResource r) {
		DomainResource copy = r.copy();
		copy.setIdElement(r.getIdElement().toUnqualified());
		return FHIR.newJsonParser().encodeResourceToString(copy);
	}
}
