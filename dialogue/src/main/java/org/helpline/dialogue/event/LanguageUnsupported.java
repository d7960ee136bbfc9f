package org.helpline.dialogue.event;

/**
 * The young person writes in a language the helpline does not ship (e.g. German, Arabic), with confidence: they got
 * the short multilingual answer instead of a flow, and the conversation goes to a counsellor, who should read that
 * language. Produced for every such message (the caller marks the queue entry with the language).
 *
 * @param language the message's language: ISO 639-1 where there is one ({@code de}, {@code ar}), else ISO 639-3
 * @param share    the detector's confidence that it is this language rather than a shipped one (0.5..1); 0 for a
 *                 message too short or unclear to tell, from someone who wrote in this language before
 */
public record LanguageUnsupported(String language, double share) implements Event {
}
