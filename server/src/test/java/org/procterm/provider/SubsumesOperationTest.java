package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

@ExtendWith(LiveServer.class)
class SubsumesOperationTest {

	private static final String SECTIONS = "http://example.org/test/procedure-sections";

	private static String subsumes(LiveServer.Server server, String system, String a, String b) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(system));
		in.addParameter("codeA", new CodeType(a));
		in.addParameter("codeB", new CodeType(b));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$subsumes").withParameters(in).useHttpGet().execute();
		return out.getParameterValue("outcome").primitiveValue();
	}

	private static CodeSystem sections() {
		CodeSystem cs = new CodeSystem();
		cs.setUrl(SECTIONS);
		cs.setVersion("1");
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		CodeSystem.ConceptDefinitionComponent surgery = cs.addConcept().setCode("surgery").setDisplay("Surgery");
		CodeSystem.ConceptDefinitionComponent spine = surgery.addConcept().setCode("spine").setDisplay("Spine");
		spine.addConcept().setCode("osteotomy").setDisplay("Osteotomy");
		surgery.addConcept().setCode("knee").setDisplay("Knee");
		return cs;
	}

	@Test
	void hierarchyOfACodeSystemCreatedOverRestIsServedAtOnce(LiveServer.Server server) {
		IdType id = (IdType) server.admin().create().resource(sections()).execute().getId();
		try {
			assertEquals("subsumes", subsumes(server, SECTIONS, "surgery", "osteotomy"));
			assertEquals("subsumed-by", subsumes(server, SECTIONS, "osteotomy", "spine"));
			assertEquals("equivalent", subsumes(server, SECTIONS, "knee", "knee"));
			assertEquals("not-subsumed", subsumes(server, SECTIONS, "knee", "osteotomy"));
		} finally {
			server.admin().delete().resourceById(id.toUnqualifiedVersionless()).execute();
		}
		assertThrows(ResourceNotFoundException.class, () -> subsumes(server, SECTIONS, "surgery", "knee"),
				"a deleted code system is gone from the engine too");
	}

	@Test
	void anUpdateIsServedAtOnce(LiveServer.Server server) {
		CodeSystem cs = sections();
		cs.setUrl(SECTIONS + "-updated");
		IdType id = (IdType) server.admin().create().resource(cs).execute().getId();
		try {
			assertEquals("not-subsumed", subsumes(server, cs.getUrl(), "spine", "knee"));
			cs.setId(id.toUnqualifiedVersionless());
			CodeSystem.ConceptDefinitionComponent spine = cs.getConceptFirstRep().getConcept().get(0);
			cs.getConceptFirstRep().getConcept().remove(1);
			spine.addConcept().setCode("knee").setDisplay("Knee (moved under spine for this test)");
			server.admin().update().resource(cs).execute();
			assertEquals("subsumes", subsumes(server, cs.getUrl(), "spine", "knee"));
		} finally {
			server.admin().delete().resourceById(id.toUnqualifiedVersionless()).execute();
		}
	}

	@Test
	void cptCodesDoNotSubsumeOneAnother(LiveServer.Server server) {
		assertEquals("not-subsumed", subsumes(server, LookupOperationTest.CPT, "63185", "63295"));
	}

	@Test
	void unknownCodeIs400(LiveServer.Server server) {
		assertThrows(InvalidRequestException.class, () -> subsumes(server, LookupOperationTest.CPT, "63185", "nope"));
	}
}
