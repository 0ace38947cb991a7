package org.procterm.content.model;

import java.time.LocalDate;

/** Who stands behind a text: its review status (a key of {@link Vocabulary#REVIEW_STATUS}) and dates. */
public record Review(String status, LocalDate written, LocalDate reviewed) {}
