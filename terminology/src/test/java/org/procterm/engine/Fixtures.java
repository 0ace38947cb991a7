package org.procterm.engine;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;

/** A small invented procedure code system with a hierarchy, typed properties and Spanish designations. */
public final class Fixtures {

	public static final String SYSTEM = "http://example.org/procedures";
	public static final String VS_ALL = "http://example.org/vs/all-procedures";

	private Fixtures() {}

	public static CodeSystem procedures() {
		CodeSystem cs = new CodeSystem();
		cs.setId("procedures");
		cs.setUrl(SYSTEM);
		cs.setVersion("2026");
		cs.setName("ExampleProcedures");
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addProperty().setCode("segments").setType(CodeSystem.PropertyType.INTEGER);
		cs.addProperty().setCode("addOn").setType(CodeSystem.PropertyType.BOOLEAN);
		cs.addProperty().setCode("region").setType(CodeSystem.PropertyType.STRING).setUri("http://example.org/procedures/properties#region");
		cs.addProperty().setCode("inactive").setType(CodeSystem.PropertyType.BOOLEAN);

		CodeSystem.ConceptDefinitionComponent spine = cs.addConcept().setCode("SPINE").setDisplay("Spine surgery");
		spine.addProperty().setCode("notSelectable").setValue(new BooleanType(true));
		CodeSystem.ConceptDefinitionComponent osteo = spine.addConcept().setCode("10010")
				.setDisplay("Osteotomy of spine, neck").setDefinition("A wedge of a neck vertebra is removed.");
		osteo.addProperty().setCode("segments").setValue(new IntegerType(1));
		osteo.addProperty().setCode("addOn").setValue(new BooleanType(false));
		osteo.addProperty().setCode("region").setValue(new StringType("cervical"));
		osteo.addDesignation().setLanguage("es").setValue("Osteotomía de la columna, cuello")
				.setUse(new Coding("http://terminology.hl7.org/CodeSystem/designation-usage", "consumer", null));
		CodeSystem.ConceptDefinitionComponent lamin = spine.addConcept().setCode("10020")
				.setDisplay("Laminectomy with rhizotomy");
		lamin.addProperty().setCode("region").setValue(new StringType("lumbar"));
		lamin.addConcept().setCode("10021").setDisplay("Laminectomy with rhizotomy, more than two segments")
				.addProperty().setCode("region").setValue(new StringType("lumbar"));
		cs.addConcept().setCode("10099").setDisplay("Retired spine procedure")
				.addProperty().setCode("inactive").setValue(new BooleanType(true));
		cs.addConcept().setCode("20010").setDisplay("Arthroscopy of knee")
				.addProperty().setCode("parent").setValue(new CodeType("KNEE"));
		cs.addConcept().setCode("KNEE").setDisplay("Knee surgery");
		return cs;
	}

	public static ValueSet allProcedures() {
		ValueSet vs = new ValueSet();
		vs.setId("all-procedures");
		vs.setUrl(VS_ALL);
		vs.setVersion("1");
		vs.setStatus(PublicationStatus.ACTIVE);
		vs.getCompose().addInclude().setSystem(SYSTEM);
		return vs;
	}

	public static ValueSet inline(java.util.function.Consumer<ValueSet.ValueSetComposeComponent> compose) {
		ValueSet vs = new ValueSet();
		vs.setUrl("http://example.org/vs/inline");
		vs.setStatus(PublicationStatus.DRAFT);
		compose.accept(vs.getCompose());
		return vs;
	}

	/**
	 * Two versions that say when they take effect, each its own way: 2025 by HL7's effective-date
	 * extension (its 10010 worded differently), 2026 by its {@code date}.
	 */
	public static TerminologyEngine datedVersions() {
		TerminologyEngine engine = engine();
		CodeSystem older = procedures();
		older.setVersion("2025");
		older.addExtension(EffectiveDates.CODE_SYSTEM_EXTENSION, new org.hl7.fhir.r4.model.DateType("2025-01-01"));
		older.getConceptFirstRep().getConceptFirstRep().setDisplay("Old wording");
		engine.putCodeSystem("CodeSystem/older", older);
		CodeSystem newer = procedures();
		newer.setDateElement(new org.hl7.fhir.r4.model.DateTimeType("2026-01-01"));
		engine.putCodeSystem("CodeSystem/procedures", newer);
		return engine;
	}

	public static TerminologyEngine engine() {
		TerminologyEngine engine = new TerminologyEngine(new EngineLimits(1000, java.time.Duration.ofSeconds(10)));
		engine.putCodeSystem("CodeSystem/procedures", procedures());
		engine.putValueSet("ValueSet/all-procedures", allProcedures());
		return engine;
	}
}
