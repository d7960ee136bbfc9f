package org.helpline.gateway.queue;

import java.util.Locale;
import java.util.Optional;

/** Where a conversation is in the live queue: the {@code state} field of its entry hash. */
public enum QueueState {
    WAITING, CLAIMED, CLOSED;

    /** The stored field's value ({@code waiting}, {@code claimed}, {@code closed}); empty for none or unknown. */
    public static Optional<QueueState> of(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        return switch (stored) {
            case "waiting" -> Optional.of(WAITING);
            case "claimed" -> Optional.of(CLAIMED);
            case "closed" -> Optional.of(CLOSED);
            default -> Optional.empty();
        };
    }

    /** As the entry hash, the console and the Lua scripts write it. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }
}
