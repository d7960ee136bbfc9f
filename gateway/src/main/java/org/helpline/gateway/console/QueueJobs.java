package org.helpline.gateway.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.conversation.Contact;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.dialogue.Engine;
import org.helpline.gateway.queue.ExpireScript;
import org.helpline.gateway.queue.LiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Background work every instance runs (each step is atomic in Redis, so running it on several instances is safe):
 * returning expired leases to the queue (and telling the counsellor), telling waiting texters when their place in
 * line has improved meaningfully, and sampling queue depth for the supervisor's chart.
 */
@Singleton
@Requires(property = "helpline.queue.jobs.enabled", notEquals = "false")
public class QueueJobs {
    private static final Logger LOG = LoggerFactory.getLogger(QueueJobs.class);
    private final LiveQueue queue;
    private final ConsoleEvents events;
    private final ConversationStore store;
    private final Senders senders;
    private final Engine engine;
    private final UnifiedJedis redis;
    private final Clock clock;

    public QueueJobs(LiveQueue queue, ConsoleEvents events, ConversationStore store, Senders senders, Engine engine,
                     UnifiedJedis redis, Clock clock) {
        this.queue = queue;
        this.events = events;
        this.store = store;
        this.senders = senders;
        this.engine = engine;
        this.redis = redis;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void expireLeases() {
        try {
            for (ExpireScript.Returned r : queue.expireLeases()) {
                LOG.info("Lease expired: conversation {} back in the queue", r.conversation().substring(0, 8));
                if (!r.counsellor().isEmpty()) {
                    events.publish(r.counsellor(), "lease-lost", Map.of("conversation", r.conversation()));
                }
                events.publish("*", "queue", Map.of("depth", queue.depth()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Lease expiry skipped ({})", e.getClass().getSimpleName());
        }
    }

    /** Tells a waiting texter their new place when it improved by 3 or more (or they are next). */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void positionUpdates() {
        try {
            List<String> waiting = redis.zrange(LiveQueue.waitingKey(), 0, 199);
            List<List<String>> toldPositions = queue.entryFields(waiting, "toldPosition");
            for (int rank = 0; rank < waiting.size(); rank++) {
                String id = waiting.get(rank);
                String told = toldPositions.get(rank).get(0);
                long position = rank + 1;
                if (told == null || Long.parseLong(told) - position < 3 && !(position == 1 && !"1".equals(told))) {
                    continue;
                }
                redis.hset(LiveQueue.entryKey(id), "toldPosition", Long.toString(position));
                Contact c = store.contact(id).orElse(null);
                if (c == null || c.optedOut()) {
                    continue;
                }
                String text = engine.flows().catalogue().render(c.language(), "queue.position_update",
                        Map.of("position", Long.toString(position)));
                // the send point refuses it for a young person who said it is not safe to text them
                senders.send(OutboundMessage.text(Address.parse(store.openAddress(id, c)), text,
                        org.helpline.gateway.channel.Purpose.QUEUE_UPDATE));
            }
        } catch (RuntimeException e) {
            LOG.warn("Position updates skipped ({})", e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedRate = "60s", initialDelay = "5s")
    void sampleHistory() {
        try {
            LiveQueue.Overview o = queue.overview();
            long depth = o.depthByTier().values().stream().mapToLong(Long::longValue).sum();
            redis.rpush(LiveQueue.historyKey(), clock.millis() + "," + depth + "," + o.longestWaitSeconds());
            redis.ltrim(LiveQueue.historyKey(), -1440, -1);
        } catch (RuntimeException e) {
            LOG.warn("Queue history sample skipped ({})", e.getClass().getSimpleName());
        }
    }
}
