package org.procterm.content.model;

/** A health plan's published medical policy that covers a procedure: only real, sourced links. */
public record PayerPolicy(String payer, String title, String url) {}
