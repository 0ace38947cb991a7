package org.procterm.content.model;

import java.time.LocalDate;

/**
 * Who stands behind a text and when: its review status (a key of {@link Vocabulary#REVIEW_STATUS}),
 * who wrote it and when, who reviewed it and when (both set once a clinician has reviewed it, and
 * only then), and when it is due for its next review.
 */
public record Review(String status, String author, LocalDate written, String reviewer, LocalDate reviewed,
		LocalDate nextReview) {

	public static final String DRAFT = "draft";
	public static final String CLINICIAN_REVIEWED = "clinician-reviewed";

	public boolean isReviewed() {
		return CLINICIAN_REVIEWED.equals(status);
	}
}
