package org.helpline.dialogue.event;

/**
 * The young person confirmed they want everything we keep about them erased (texted DELETE, then YES). The caller
 * erases transcripts, state, contact record and queue entry, unless a counsellor holds the conversation right now.
 */
public record ErasureRequested() implements Event {
}
