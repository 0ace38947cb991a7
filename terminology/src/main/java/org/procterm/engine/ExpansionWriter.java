package org.procterm.engine;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.valueset.ExpansionEntry;

/** Writes one page of expansion entries as a FHIR ValueSet with an {@code expansion}. */
final class ExpansionWriter {

	private ExpansionWriter() {}

	static ValueSet write(ValueSet source, ExpansionRequest request, List<ExpansionEntry> page, int total) {
		ValueSet out = source.copy();
		out.setText(null);
		out.setCompose(null); // the expansion stands for it; the definition stays one read away
		out.setExpansion(null);
		if (!out.hasStatus()) {
			out.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		}

		ValueSet.ValueSetExpansionComponent expansion = out.getExpansion();
		expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
		expansion.setTimestamp(new Date());
		expansion.setTotal(total);
		if (request.offset() > 0 || request.count() != null) {
			expansion.setOffset(request.offset());
		}
		if (request.filter() != null) {
			expansion.addParameter().setName("filter").setValue(new StringType(request.filter()));
		}
		if (request.count() != null) {
			expansion.addParameter().setName("count").setValue(new IntegerType(request.count()));
		}
		if (request.offset() > 0) {
			expansion.addParameter().setName("offset").setValue(new IntegerType(request.offset()));
		}
		if (request.includeDesignations()) {
			expansion.addParameter().setName("includeDesignations").setValue(new BooleanType(true));
		}
		if (request.activeOnly()) {
			expansion.addParameter().setName("activeOnly").setValue(new BooleanType(true));
		}
		if (request.excludeNested() != null) {
			expansion.addParameter().setName("excludeNested").setValue(new BooleanType(request.excludeNested()));
		}
		Set<String> usedSystems = new LinkedHashSet<>();
		for (ExpansionEntry e : page) {
			usedSystems.add(e.version() == null ? e.system() : e.system() + "|" + e.version());
			expansion.addContains(contains(e, request));
		}
		usedSystems.forEach(s -> expansion.addParameter().setName("used-codesystem").setValue(new UriType(s)));
		if (request.displayLanguage() != null) {
			expansion.addParameter().setName("displayLanguage").setValue(new CodeType(request.displayLanguage()));
		}
		return out;
	}

	private static ValueSetExpansionContainsComponent contains(ExpansionEntry e, ExpansionRequest request) {
		ValueSetExpansionContainsComponent c = new ValueSetExpansionContainsComponent();
		c.setSystem(e.system()); // the version is reported once, in the used-codesystem parameter
		c.setCode(e.concept().code());
		String display = request.displayLanguage() == null ? e.display()
				: e.concept().designationIn(request.displayLanguage()).map(Designation::value).orElse(e.display());
		c.setDisplay(display);
		if (e.concept().inactive()) {
			c.setInactive(true);
		}
		if (e.concept().notSelectable()) {
			c.setAbstract(true);
		}
		if (request.includeDesignations()) {
			for (Designation d : e.concept().designations()) {
				c.addDesignation().setLanguage(d.language()).setUse(d.use() == null ? null : d.use().copy()).setValue(d.value());
			}
		}
		return c;
	}
}
