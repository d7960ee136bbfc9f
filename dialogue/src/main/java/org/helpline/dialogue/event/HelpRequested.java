package org.helpline.dialogue.event;

/** The carrier HELP/INFO keyword was received and the help notice sent. */
public record HelpRequested() implements Event {
}
