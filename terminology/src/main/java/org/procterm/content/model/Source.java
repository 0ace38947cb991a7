package org.procterm.content.model;

/** A public document that states facts a page uses: its title, who published it, and its address. */
public record Source(String title, String publisher, String url) {}
