package org.procterm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.procterm.LiveServer;
import org.procterm.TestServers;

/** Its own server, started twice on one data folder: the bundled content must be there exactly once. */
class RestartTest {

	private static int count(LiveServer.Server s, Class<? extends org.hl7.fhir.instance.model.api.IBaseResource> type, String url) {
		Bundle b = s.client().search().forResource(type).where(new ca.uhn.fhir.rest.gclient.UriClientParam("url").matches().value(url))
				.returnBundle(Bundle.class).execute();
		return b.getEntry().size();
	}

	private static org.hl7.fhir.instance.model.api.IBaseResource cpt(LiveServer.Server s) {
		return s.client().search().forResource(CodeSystem.class)
				.where(new ca.uhn.fhir.rest.gclient.UriClientParam("url").matches().value("http://www.ama-assn.org/go/cpt"))
				.returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
	}

	@Test
	void restartOnTheSameDataKeepsTheContentOnceAndUnchanged() throws Exception {
		Path data = TestServers.newDataDir();
		String firstVersionId;
		try (ProcTermServer first = TestServers.start(data)) {
			LiveServer.Server s = LiveServer.clientsFor(first.baseUrl());
			assertEquals(1, count(s, CodeSystem.class, "http://www.ama-assn.org/go/cpt"));
			firstVersionId = cpt(s).getMeta().getVersionId();
		}
		try (ProcTermServer second = TestServers.start(data)) {
			LiveServer.Server s = LiveServer.clientsFor(second.baseUrl());
			assertEquals(1, count(s, CodeSystem.class, "http://www.ama-assn.org/go/cpt"));
			assertEquals(1, count(s, ValueSet.class, "http://procterm.org/fhir/ValueSet/spine-procedures"));
			assertEquals(firstVersionId, cpt(s).getMeta().getVersionId(), "reinstalling the same package changes nothing");
			assertEquals(2, second.report().codeSystems().size(), "CPT and the patient page sections: " + second.report().codeSystems());

			Parameters in = new Parameters();
			in.addParameter("system", new UriType("http://www.ama-assn.org/go/cpt"));
			in.addParameter("code", new CodeType("22210"));
			Parameters out = s.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in).useHttpGet().execute();
			assertEquals("2026", out.getParameterValue("version").primitiveValue(), "the engine reloaded from the database");
		}
	}

	@Test
	void aRestartKeepsAnOperatorsEditOfBundledContentAndStillIndexesNewWrites() throws Exception {
		Path data = TestServers.newDataDir();
		try (ProcTermServer first = TestServers.start(data)) {
			LiveServer.Server s = LiveServer.clientsFor(first.baseUrl());
			org.hl7.fhir.r4.model.Library info = s.client().read().resource(org.hl7.fhir.r4.model.Library.class)
					.withId("cpt-22210-patient-information").execute();
			info.setTitle("Reviewed by our clinic");
			s.admin().update().resource(info).execute();
		}
		try (ProcTermServer second = TestServers.start(data)) {
			LiveServer.Server s = LiveServer.clientsFor(second.baseUrl());
			assertEquals("Reviewed by our clinic", s.client().read().resource(org.hl7.fhir.r4.model.Library.class)
					.withId("cpt-22210-patient-information").execute().getTitle(), "the same bundled package is not installed again over the edit");
			CodeSystem added = new CodeSystem().setUrl("http://example.org/after-restart").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT)
					.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
			added.addConcept().setCode("a").setDisplay("A");
			s.admin().create().resource(added).execute();
			assertEquals(1, count(s, CodeSystem.class, "http://example.org/after-restart"), "a write after a restart is indexed for search");
		}
	}
}
