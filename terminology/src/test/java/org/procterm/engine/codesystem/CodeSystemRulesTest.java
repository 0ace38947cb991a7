package org.procterm.engine.codesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.Test;
import org.procterm.engine.TerminologyException;

/** A code system that breaks FHIR's rules for its concepts is refused with a message that names the codes. */
class CodeSystemRulesTest {

	private static CodeSystem codeSystem() {
		CodeSystem cs = new CodeSystem();
		cs.setUrl("http://example.org/rules").setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		return cs;
	}

	private static TerminologyException refused(CodeSystem cs) {
		TerminologyException e = assertThrows(TerminologyException.class, () -> CodeSystemIndex.of(cs));
		assertEquals(TerminologyException.Problem.INVALID_CONTENT, e.problem());
		return e;
	}

	private static void parent(CodeSystem.ConceptDefinitionComponent c, String parent) {
		c.addProperty().setCode("parent").setValue(new CodeType(parent));
	}

	@Test
	void aCodeDefinedTwiceIsRefused() {
		CodeSystem cs = codeSystem();
		cs.addConcept().setCode("a");
		cs.addConcept().setCode("b").addConcept().setCode("a"); // nested counts too
		assertTrue(refused(cs).getMessage().contains("defines the same code more than once: a"));
	}

	@Test
	void aConceptWithoutACodeIsRefused() {
		CodeSystem cs = codeSystem();
		cs.addConcept().setCode(" ").setDisplay("Nameless");
		assertTrue(refused(cs).getMessage().contains("A concept has no code (display 'Nameless')"));
	}

	@Test
	void aHierarchyCycleIsRefusedAtAnyLength() {
		CodeSystem self = codeSystem();
		parent(self.addConcept().setCode("x"), "x");
		assertTrue(refused(self).getMessage().contains("cycle in its hierarchy"));

		CodeSystem loop = codeSystem();
		int length = 5000;
		for (int i = 0; i < length; i++) {
			parent(loop.addConcept().setCode("c" + i), "c" + ((i + 1) % length));
		}
		loop.addConcept().setCode("outside");
		String message = refused(loop).getMessage();
		assertTrue(message.contains("c0, c1") && !message.contains("outside"), message);
	}

	@Test
	void aDeepHierarchyWithoutACycleIsServed() {
		CodeSystem chain = codeSystem();
		for (int i = 0; i < 5000; i++) {
			var c = chain.addConcept().setCode("c" + i);
			if (i > 0) {
				parent(c, "c" + (i - 1));
			}
		}
		CodeSystemIndex index = CodeSystemIndex.of(chain);
		assertEquals(4999, index.descendantsOf("c0").size());
	}
}
