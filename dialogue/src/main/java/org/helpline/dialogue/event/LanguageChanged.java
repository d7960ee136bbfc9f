package org.helpline.dialogue.event;

/** The conversation's language changed (e.g. the young person picked "2" for Español). */
public record LanguageChanged(String language) implements Event {
}
