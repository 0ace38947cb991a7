package org.procterm.content.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.UsageContext;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.Range;
import org.procterm.content.model.Section;
import org.procterm.content.model.Vocabulary;

/**
 * One PlanDefinition per code: the patient's journey as actions (prepare, the procedure, recovery,
 * follow-up) with timing from the facts and the care team as participants, the benefits as goals,
 * and a link to the full patient text. Found by code through {@code topic} and {@code useContext}.
 */
public final class PlanDefinitionBuilder {

	private static final String UCUM = "http://unitsofmeasure.org";

	private final String version;
	private final PatientDocument document = new PatientDocument();

	public PlanDefinitionBuilder(String version) {
		this.version = version;
	}

	public PlanDefinition build(Procedure p) {
		ProcedureFacts f = p.facts();
		var en = document.plainSections(p.text(Language.EN));
		PlanDefinition plan = Canonicals.describe(new PlanDefinition(), Canonicals.planDefinitionId(f.code()),
				Canonicals.planDefinition(f.code()), version, "Cpt" + f.code() + "PatientPlan", p.text(Language.EN).name());
		plan.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol", "Clinical Protocol")));
		plan.setLanguage(Language.EN.tag());
		plan.setDescription(en.get(Section.SUMMARY));
		plan.setPurpose(en.get(Section.PURPOSE));
		if (en.containsKey(Section.INDICATIONS)) {
			plan.setUsage(en.get(Section.INDICATIONS));
		}
		plan.setCopyright(LibraryBuilder.TEXT_COPYRIGHT);
		plan.addTopic(cptConcept(f));
		plan.addUseContext(new UsageContext(new Coding("http://terminology.hl7.org/CodeSystem/usage-context-type", "focus", "Clinical Focus"),
				cptConcept(f)));
		plan.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DOCUMENTATION)
				.setDisplay("Patient information in English and Spanish").setResource(Canonicals.library(f.code()));
		f.payerPolicies().forEach(policy -> plan.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DOCUMENTATION)
				.setDisplay(policy.payer() + ": " + policy.title()).setUrl(policy.url()));

		if (en.containsKey(Section.BENEFITS)) {
			plan.addGoal().setDescription(new CodeableConcept().setText(en.get(Section.BENEFITS)));
		}

		PlanDefinitionActionComponent prepare = action(plan, "Before the procedure", en.get(Section.PREPARATION));
		if (f.fastingHours() != null && prepare != null) {
			prepare.addAction().setTitle("Stop eating and drinking").setDescription("No food or drink for at least "
					+ f.fastingHours() + " hours before surgery, unless your care team tells you otherwise.")
					.setTiming(duration(f.fastingHours(), Range.Unit.HOURS));
		}
		PlanDefinitionActionComponent procedure = action(plan, "The procedure", en.get(Section.STEPS));
		if (procedure == null) {
			procedure = plan.addAction().setTitle("The procedure").setDescription(en.get(Section.SUMMARY));
		}
		procedure.setCode(List.of(cptConcept(f)));
		if (f.duration() != null) {
			procedure.setTiming(range(f.duration()));
		}
		for (String role : f.careTeam()) {
			procedure.addParticipant().setType(PlanDefinition.ActionParticipantType.PRACTITIONER)
					.setRole(new CodeableConcept().setText(Vocabulary.CARE_TEAM.get(role).en()));
		}
		PlanDefinitionActionComponent recovery = action(plan, "Recovery", en.get(Section.RECOVERY));
		if (recovery != null && f.hospitalStay() != null) {
			recovery.setTiming(range(f.hospitalStay()));
		}
		action(plan, "Follow-up visits", en.get(Section.FOLLOW_UP));
		return plan;
	}

	private static PlanDefinitionActionComponent action(PlanDefinition plan, String title, String description) {
		if (description == null) {
			return null; // leave a step out rather than invent it
		}
		return plan.addAction().setTitle(title).setDescription(description);
	}

	static CodeableConcept cptConcept(ProcedureFacts f) {
		return new CodeableConcept(new Coding(Canonicals.CPT, f.code(), f.descriptor()));
	}

	private static Duration duration(int value, Range.Unit unit) {
		Duration d = new Duration();
		d.setValue(value).setUnit(unit.word(Language.EN)).setSystem(UCUM).setCode(unit.ucum());
		return d;
	}

	private static org.hl7.fhir.r4.model.Range range(Range r) {
		org.hl7.fhir.r4.model.Range out = new org.hl7.fhir.r4.model.Range();
		out.setLow(quantity(r.min(), r.unit()));
		if (r.max() != null) {
			out.setHigh(quantity(r.max(), r.unit()));
		}
		return out;
	}

	private static SimpleQuantity quantity(int value, Range.Unit unit) {
		SimpleQuantity q = new SimpleQuantity();
		q.setValue(value).setUnit(unit.word(Language.EN)).setSystem(UCUM).setCode(unit.ucum());
		return q;
	}
}
