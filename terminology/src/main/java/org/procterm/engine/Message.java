package org.procterm.engine;

/**
 * A message as told to a client: its text, and the key HL7's reference server gives the same
 * message ({@code I18nConstants}), which clients and testers read from the
 * operationoutcome-message-id extension. The key is null where HL7 has no such message.
 */
public record Message(String id, String text) {

	/** A text with no HL7 key (e.g. the message of a problem the engine words itself). */
	public static Message of(String text) {
		return new Message(null, text);
	}
}
