package org.procterm.content.fhir;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.RelatedArtifact.RelatedArtifactType;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.UsageContext;
import org.procterm.content.model.Language;
import org.procterm.content.model.Localized;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.Range;
import org.procterm.content.model.Section;
import org.procterm.content.model.Vocabulary;

/**
 * One PlanDefinition per code, in English with Spanish in R4's translation extension: the patient's
 * journey as actions in order (prepare, the procedure, the hospital stay, recovery at home,
 * follow-up), the care team as participants, risks, alternatives and setting as the procedure's
 * documentation, the benefits as a goal, and related artifacts for the patient text, similar codes,
 * health plan policies and sources. Found by code through {@code topic} and {@code useContext}.
 */
public final class PlanDefinitionBuilder {

	private static final String UCUM = "http://unitsofmeasure.org";

	static final Localized PREPARE = new Localized("Before the procedure", "Antes del procedimiento");
	static final Localized PROCEDURE = new Localized("The procedure", "El procedimiento");
	static final Localized STAY = new Localized("Hospital stay", "Estadía en el hospital");
	static final Localized RECOVERY = new Localized("Recovery at home", "Recuperación en casa");
	static final Localized FOLLOW_UP = new Localized("Follow-up visits", "Visitas de control");
	private static final Localized STAY_UNKNOWN = new Localized(
			"How long you stay depends on your surgery and how you heal. Ask your care team.",
			"El tiempo que se quede depende de su cirugía y de cómo se recupere. Pregunte a su equipo de atención.");
	private static final Localized STAY_KNOWN = new Localized("Usual hospital stay: ", "Estadía habitual en el hospital: ");
	private static final Localized FASTING = new Localized("Stop eating and drinking", "Deje de comer y beber");
	private static final Localized PATIENT_TEXT = new Localized("Patient information in English and Spanish",
			"Información para pacientes en inglés y en español");
	private static final Localized SIMILAR = new Localized("Similar code ", "Código parecido ");

	private final String version;
	private final PatientDocument document;
	private final MarkdownText markdown = new MarkdownText();

	public PlanDefinitionBuilder(String version, PatientDocument document) {
		this.version = version;
		this.document = document;
	}

	public PlanDefinition build(Procedure p) {
		ProcedureFacts f = p.facts();
		Map<Language, Map<Section, String>> text = Map.of(Language.EN, markdown.plainSections(p.text(Language.EN)),
				Language.ES, markdown.plainSections(p.text(Language.ES)));
		Function<Section, Function<Language, String>> section = s -> l -> text.get(l).get(s);

		PlanDefinition plan = Canonicals.describe(new PlanDefinition(), Canonicals.planDefinitionId(f.code()),
				Canonicals.planDefinition(f.code()), version, "Cpt" + f.code() + "PatientPlan", null);
		ReviewMetadata.apply(plan, p.texts().values().stream().map(t -> t.review()).toList());
		plan.setLanguage(Language.EN.tag());
		Translated.set(plan.getTitleElement(), l -> p.text(l).name());
		Translated.set(plan.getDescriptionElement(), section.apply(Section.SUMMARY));
		Translated.set(plan.getPurposeElement(), section.apply(Section.PURPOSE));
		Translated.set(plan.getUsageElement(), section.apply(Section.INDICATIONS));
		plan.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol", "Clinical Protocol")));
		plan.setCopyright(LibraryBuilder.TEXT_COPYRIGHT);
		plan.addTopic(cptConcept(f));
		plan.addUseContext(new UsageContext(new Coding("http://terminology.hl7.org/CodeSystem/usage-context-type", "focus", "Clinical Focus"),
				cptConcept(f)));

		artifact(plan.addRelatedArtifact(), RelatedArtifactType.DOCUMENTATION, "patient-information", PATIENT_TEXT::in)
				.setResource(Canonicals.library(f.code()));
		for (String code : f.similarCodes()) {
			artifact(plan.addRelatedArtifact(), RelatedArtifactType.DOCUMENTATION, "similar-code",
					l -> SIMILAR.in(l) + code + ": " + document.name(code, l)).setResource(Canonicals.planDefinition(code));
		}
		f.payerPolicies().forEach(policy -> artifact(plan.addRelatedArtifact(), RelatedArtifactType.DOCUMENTATION, "health-plan-policy",
				l -> policy.payer() + ": " + policy.title()).setUrl(policy.url()));
		f.sources().forEach(source -> artifact(plan.addRelatedArtifact(), RelatedArtifactType.CITATION, "source",
				l -> source.title() + " (" + source.publisher() + ")").setUrl(source.url()));

		Translated.set(plan.addGoal().setDescription(new CodeableConcept()).getDescription().getTextElement(),
				section.apply(Section.BENEFITS));

		PlanDefinitionActionComponent prepare = action(plan, PREPARE, section.apply(Section.PREPARATION));
		if (f.fastingHours() != null) {
			action(prepare.addAction(), FASTING, l -> PatientDocument.fasting(f.fastingHours(), l))
					.setTiming(duration(f.fastingHours(), Range.Unit.HOURS));
		}
		PlanDefinitionActionComponent procedure = action(plan, PROCEDURE, section.apply(Section.STEPS));
		procedure.setCode(List.of(cptConcept(f)));
		if (f.duration() != null) {
			procedure.setTiming(range(f.duration()));
		}
		for (String role : f.careTeam()) {
			Translated.set(procedure.addParticipant().setType(PlanDefinition.ActionParticipantType.PRACTITIONER)
					.setRole(new CodeableConcept()).getRole().getTextElement(), Vocabulary.CARE_TEAM.get(role)::in);
		}
		for (Section about : List.of(Section.SETTING, Section.RISKS, Section.ALTERNATIVES)) {
			artifact(procedure.addDocumentation(), RelatedArtifactType.DOCUMENTATION, about.code(),
					l -> about.title(l) + ": " + document.plainSection(p, l, about)).setResource(Canonicals.library(f.code()));
		}
		// A stay is a length of time, not a point in the journey: its range of days is the action's timing.
		PlanDefinitionActionComponent stay = action(plan, STAY, l -> f.hospitalStay() == null ? STAY_UNKNOWN.in(l)
				: STAY_KNOWN.in(l) + f.hospitalStay().describe(l) + ".");
		if (f.hospitalStay() != null) {
			stay.setTiming(range(f.hospitalStay()));
		}
		action(plan, RECOVERY, section.apply(Section.RECOVERY));
		action(plan, FOLLOW_UP, section.apply(Section.FOLLOW_UP));
		return plan;
	}

	private static PlanDefinitionActionComponent action(PlanDefinition plan, Localized title, Function<Language, String> description) {
		return action(plan.addAction(), title, description);
	}

	private static PlanDefinitionActionComponent action(PlanDefinitionActionComponent action, Localized title,
			Function<Language, String> description) {
		Translated.set(action.getTitleElement(), title::in);
		Translated.set(action.getDescriptionElement(), description);
		return action;
	}

	private static RelatedArtifact artifact(RelatedArtifact artifact, RelatedArtifactType type, String label, Function<Language, String> display) {
		artifact.setType(type).setLabel(label);
		Translated.set(artifact.getDisplayElement(), display);
		return artifact;
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
