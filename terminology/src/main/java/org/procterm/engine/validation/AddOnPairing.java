package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.ValidationResult;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.CptExpression;

/**
 * The codes reported together for one encounter, checked as a set: each code is validated, and
 * each add-on code (reported only with a primary procedure) is looked for with one of its primary
 * codes. Only CPT has add-on codes. The primaries come from the code system: procterm's
 * {@code primaryCode} property (from the bundled content, kept across imports, or from a release's
 * add-on file). An add-on whose primaries are not known is reported as "cannot check", never passed silently.
 */
public final class AddOnPairing {

	/** What the set says of one add-on code. */
	public enum Pairing {
		/** Not an add-on code. */
		NOT_ADD_ON("not-add-on"),
		/** One of its primary codes is in the set. */
		PAIRED("paired"),
		/** None of its known primary codes is in the set. */
		MISSING_PRIMARY("missing-primary"),
		/** An add-on code whose primary codes are not known here. */
		CANNOT_CHECK("cannot-check");

		private final String code;

		Pairing(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/** One code of the set: its validation, and for an add-on, its pairing and the primaries it allows. */
	public record Checked(CodingCheck coding, ValidationResult validation, Pairing pairing, List<String> allowedPrimaries) {
		public Checked {
			allowedPrimaries = List.copyOf(allowedPrimaries);
		}
	}

	/** CPT marks an add-on in its descriptor so; an add-on so marked without known primaries cannot be checked. */
	private static final String ADD_ON_PHRASE = "list separately in addition to";

	private final TerminologyContext context;
	private final CodeValidator codes;

	public AddOnPairing(TerminologyContext context) {
		this.context = context;
		this.codes = new CodeValidator(context);
	}

	/**
	 * At most this many codes in one set: far more than one encounter's procedures, so a request
	 * cannot make the server validate without bound.
	 */
	public static final int MAX_CODES = 100;

	/** Checks the set; more than {@link #MAX_CODES} codes, or a code missing, is the client's mistake. */
	public List<Checked> checkSet(List<CodingCheck> set, ValidationOptions options) {
		if (set.isEmpty()) {
			throw TerminologyException.invalid(Messages.CODE_SET_NEEDS_CODES.text());
		}
		if (set.size() > MAX_CODES) {
			throw TerminologyException.invalid(Messages.CODE_SET_TOO_MANY.text(MAX_CODES, set.size()));
		}
		for (CodingCheck coding : set) {
			if (coding.code() == null || coding.code().isBlank()) {
				throw TerminologyException.invalid(Messages.CODE_SET_EMPTY_CODE.text(coding.path()));
			}
		}
		return check(set, options);
	}

	/**
	 * Validates each code, then pairs each CPT add-on with the set's valid CPT codes: a code of
	 * another code system, or an invalid CPT code, is never a primary code.
	 */
	public List<Checked> check(List<CodingCheck> set, ValidationOptions options) {
		return pair(set, set.stream().map(coding -> codes.validateOne(coding, options)).toList());
	}

	/** As {@link #check}, with each code's validation already made ({@code validations} in the order of {@code set}). */
	List<Checked> pair(List<CodingCheck> set, List<ValidationResult> validations) {
		Set<String> reported = new HashSet<>();
		for (int i = 0; i < set.size(); i++) {
			if (validations.get(i).valid() && CptExpression.SYSTEM.equals(set.get(i).system())) {
				reported.add(baseCode(set.get(i)));
			}
		}
		List<Checked> out = new ArrayList<>();
		for (int i = 0; i < set.size(); i++) {
			CodingCheck coding = set.get(i);
			ValidationResult validation = validations.get(i);
			Optional<Concept> concept = CptExpression.SYSTEM.equals(coding.system()) && (validation.valid() || validation.system() != null)
					? concept(coding, validation) : Optional.empty();
			if (concept.isEmpty()) {
				out.add(new Checked(coding, validation, Pairing.NOT_ADD_ON, List.of()));
				continue;
			}
			List<String> primaries = concept.get().propertiesNamed("primaryCode").stream()
					.map(p -> p.value() == null ? null : p.value().primitiveValue()).filter(v -> v != null).toList();
			if (!isAddOn(concept.get()) && primaries.isEmpty()) {
				out.add(new Checked(coding, validation, Pairing.NOT_ADD_ON, List.of()));
			} else if (primaries.isEmpty()) {
				out.add(new Checked(coding, validation, Pairing.CANNOT_CHECK, List.of()));
			} else {
				boolean paired = primaries.stream().anyMatch(reported::contains);
				out.add(new Checked(coding, validation, paired ? Pairing.PAIRED : Pairing.MISSING_PRIMARY, primaries));
			}
		}
		return out;
	}

	private Optional<Concept> concept(CodingCheck coding, ValidationResult validation) {
		Optional<CodeSystemIndex> cs = context.content().codeSystem(validation.system(), validation.version());
		return cs.flatMap(c -> c.find(baseCode(coding)));
	}

	private static String baseCode(CodingCheck coding) {
		return CptExpression.parse(coding.system(), coding.code()).map(CptExpression::base).orElse(coding.code());
	}

	private static boolean isAddOn(Concept c) {
		boolean flagged = c.propertiesNamed("addOn").stream().anyMatch(p -> p.value() instanceof BooleanType b && b.booleanValue());
		return flagged || c.display() != null && c.display().toLowerCase(Locale.ROOT).contains(ADD_ON_PHRASE);
	}
}
