package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.helpline.dialogue.Engine;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.conversation.Contact;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.JobsConfiguration;
import org.helpline.gateway.queue.LiveQueue;
import redis.clients.jedis.UnifiedJedis;

/**
 * Tells waiting young people their place in line when it has improved by three or more places (or they are next),
 * at most once per {@link JobsConfiguration#positionUpdates()} each. Run by one instance at a time (the
 * {@code position-updates} job of {@link ClusterJobs}); the send point refuses it to a young person who said it is
 * not safe to text them, or who opted out.
 *
 * <p>Writes the queue entry's {@code toldPosition} (the place they were last told, also written with the first
 * "you are number N in line") and {@code toldAt} (ms, when this job last told them).
 */
@Singleton
public class PositionUpdates {
    /** How many of the first waiting conversations are looked at on each run. */
    static final int LOOK_AT = 200;

    /** What one run did. */
    public record Run(int told, int refused, int unchanged) {
    }

    private final LiveQueue queue;
    private final ConversationStore store;
    private final Senders senders;
    private final Engine engine;
    private final UnifiedJedis redis;
    private final Clock clock;
    private final JobsConfiguration config;

    public PositionUpdates(LiveQueue queue, ConversationStore store, Senders senders, Engine engine,
                           UnifiedJedis redis, Clock clock, JobsConfiguration config) {
        this.queue = queue;
        this.store = store;
        this.senders = senders;
        this.engine = engine;
        this.redis = redis;
        this.clock = clock;
        this.config = config;
    }

    /** One run; stops as soon as {@code lease} says another instance has taken the job over. */
    public Run run(ClusterJobs.Lease lease) {
        long now = clock.millis();
        long interval = config.positionUpdates().toMillis();
        List<String> waiting = redis.zrange(LiveQueue.waitingKey(), 0, LOOK_AT - 1);
        List<List<String>> told = queue.entryFields(waiting, "toldPosition", "toldAt");
        int sent = 0;
        int refused = 0;
        for (int rank = 0; rank < waiting.size(); rank++) {
            String id = waiting.get(rank);
            long position = rank + 1;
            if (!due(told.get(rank).get(0), told.get(rank).get(1), position, now, interval)) {
                continue;
            }
            if (!lease.stillHeld()) {
                break;
            }
            redis.hset(LiveQueue.entryKey(id), Map.of("toldPosition", Long.toString(position),
                    "toldAt", Long.toString(now)));
            Contact c = store.contact(id).orElse(null);
            if (c == null || c.optedOut()) {
                refused++;
                continue;
            }
            String text = engine.flows().catalogue().render(c.language(), "queue.position_update",
                    Map.of("position", Long.toString(position)));
            // the send point refuses it for a young person who said it is not safe to text them
            SendResult r = senders.send(OutboundMessage.text(Address.parse(store.openAddress(id, c)), text,
                    Purpose.QUEUE_UPDATE));
            if (r.refusal() != null) {
                refused++;
            } else {
                sent++;
            }
        }
        return new Run(sent, refused, waiting.size() - sent - refused);
    }

    /** Better by 3 or more places, or next in line for the first time; and not told within the interval. */
    static boolean due(String toldPosition, String toldAt, long position, long now, long interval) {
        if (toldPosition == null) {
            return false; // never told a place (the entry was not made by an escalation reply): nothing to improve on
        }
        long before = Long.parseLong(toldPosition);
        boolean better = before - position >= 3 || position == 1 && before != 1;
        return better && (toldAt == null || now - Long.parseLong(toldAt) >= interval);
    }
}
