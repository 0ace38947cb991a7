package org.procterm.content.fhir;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.procterm.content.model.Review;

/**
 * Publishes a resource made from patient pages as honestly as its reviews allow: {@code draft}
 * and {@code experimental} until a clinician has reviewed the page in every language, then
 * {@code active} with the review's date and reviewer. Author, reviewer and dates come from the
 * pages' front matter; nothing is assumed.
 */
final class ReviewMetadata {

	private ReviewMetadata() {}

	static <T extends MetadataResource> T apply(T resource, Collection<Review> reviews) {
		boolean reviewed = !reviews.isEmpty() && reviews.stream().allMatch(Review::isReviewed);
		resource.setStatus(reviewed ? PublicationStatus.ACTIVE : PublicationStatus.DRAFT);
		resource.setExperimental(!reviewed);
		latest(reviews.stream().flatMap(r -> Stream.of(r.written(), r.reviewed())))
				.ifPresent(d -> resource.setDateElement(new DateTimeType(d.toString())));
		List<ContactDetail> authors = contacts(reviews.stream().map(Review::author));
		List<ContactDetail> reviewers = contacts(reviews.stream().map(Review::reviewer));
		DateType approved = reviewed ? latest(reviews.stream().map(Review::reviewed)).map(d -> new DateType(d.toString())).orElse(null) : null;
		if (resource instanceof Library lib) {
			lib.setAuthor(authors).setReviewer(reviewers).setApprovalDateElement(approved).setLastReviewDateElement(approved);
		} else if (resource instanceof PlanDefinition plan) {
			plan.setAuthor(authors).setReviewer(reviewers).setApprovalDateElement(approved).setLastReviewDateElement(approved);
		}
		return resource;
	}

	private static java.util.Optional<LocalDate> latest(Stream<LocalDate> dates) {
		return dates.filter(Objects::nonNull).max(Comparator.naturalOrder());
	}

	private static List<ContactDetail> contacts(Stream<String> names) {
		return names.filter(Objects::nonNull).distinct().map(n -> new ContactDetail().setName(n))
				.collect(Collectors.toCollection(ArrayList::new));
	}
}
