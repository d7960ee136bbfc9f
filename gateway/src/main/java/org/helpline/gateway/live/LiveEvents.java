package org.helpline.gateway.live;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.helpline.gateway.privacy.MessageCipher;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Live updates for console pages, across gateway instances: an event is published on a Redis channel (payload
 * encrypted: it may quote a young person) and every instance forwards it to the matching Server-Sent-Event streams it
 * serves. Target {@code *} means every connected counsellor and supervisor (the queue's depth and counsellors'
 * presence are theirs: a campaigner's or an administrator's stream gets none of it); {@link #SUPERVISORS} every
 * connected supervisor (the liveness alerts); otherwise one username.
 *
 * <p>Channel: {@code console:events}.
 */
@Context
public class LiveEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    static final String CHANNEL = "console:events";
    /** Target: every connected supervisor. */
    public static final String SUPERVISORS = "role:SUPERVISOR";

    /** What travels on the channel. */
    @Serdeable
    public record Envelope(String target, String name, String sealedJson) {
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final MessageCipher cipher;
    /** Reserved event name: end a user's streams (one session's, or all with {@code "*"}); never sent to a page. */
    static final String END_SESSIONS = "_end-sessions";

    /** One open stream: which session it belongs to, so that a sign-out ends exactly its streams. */
    private record Stream(FluxSink<Event<String>> sink, String sid, boolean staff, boolean supervisor) {
    }

    /** Roles whose pages show the live queue and counsellors' presence. */
    static boolean staff(Collection<String> roles) {
        return roles.contains("COUNSELLOR") || roles.contains("SUPERVISOR");
    }

    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final JedisPubSub subscriber;
    private final Thread listener;
    private volatile boolean running = true;

    public LiveEvents(UnifiedJedis redis, JsonMapper json, MessageCipher cipher) {
        this.redis = redis;
        this.json = json;
        this.cipher = cipher;
        this.subscriber = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                deliver(message);
            }

            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                if (!running) {
                    unsubscribe();  // stopped while the subscription was being made
                }
            }
        };
        this.listener = new Thread(this::listen, "console-events");
        this.listener.setDaemon(true);
    }

    /**
     * Subscribes once the service has started, not while it is starting: a start refused half-way (a setting that
     * fails its check) must leave nothing listening on the shared channel with keys nobody else has.
     */
    @EventListener
    void onStartup(StartupEvent started) {
        if (running && listener.getState() == Thread.State.NEW) {
            listener.start();
        }
    }

    private void listen() {
        while (running) {
            try {
                redis.subscribe(subscriber, CHANNEL);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Console event subscription lost ({}); reconnecting", e.getClass().getSimpleName());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Publishes an event to one user ({@code target}) or to everyone ({@code "*"}). */
    public void publish(String target, String name, Object payload) {
        try {
            String sealed = cipher.encrypt(json.writeValueAsString(payload), "console-events");
            redis.publish(CHANNEL, json.writeValueAsString(new Envelope(target, name, sealed)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.warn("Console event not published ({})", e.getClass().getSimpleName());
        }
    }

    private void deliver(String message) {
        try {
            Envelope env = json.readValue(message, Envelope.class);
            String payload = cipher.decrypt(env.sealedJson(), "console-events");
            if (END_SESSIONS.equals(env.name())) {
                String sid = json.readValue(payload, String.class);
                for (Stream st : streams.getOrDefault(env.target(), Set.of())) {
                    if ("*".equals(sid) || sid.equals(st.sid())) {
                        st.sink().complete();
                    }
                }
                return;
            }
            Event<String> event = Event.of(payload).name(env.name());
            if (SUPERVISORS.equals(env.target())) {
                streams.values().forEach(set -> set.forEach(s -> {
                    if (s.supervisor()) {
                        s.sink().next(event);
                    }
                }));
            } else if ("*".equals(env.target())) {
                streams.values().forEach(set -> set.forEach(s -> {
                    if (s.staff()) {
                        s.sink().next(event);
                    }
                }));
            } else {
                streams.getOrDefault(env.target(), Set.of()).forEach(s -> s.sink().next(event));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Console event not delivered ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * Ends a user's live streams on every instance: one session's ({@code sid}) or all of them ({@code "*"}), when
     * the session is signed out or revoked. The page's next reconnection then needs a valid session.
     */
    public void endSessions(String username, String sid) {
        publish(username, END_SESSIONS, sid);
    }

    /** The live stream of one signed-in user's session. */
    public Publisher<Event<String>> stream(String username, String sid, Collection<String> roles) {
        reactor.core.publisher.Sinks.Empty<Void> ended = reactor.core.publisher.Sinks.empty();
        Flux<Event<String>> events = Flux.create(sink -> {
            Stream st = new Stream(sink, sid == null ? "" : sid, staff(roles), roles.contains("SUPERVISOR"));
            streams.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet()).add(st);
            sink.onDispose(() -> {
                streams.getOrDefault(username, Set.of()).remove(st);
                ended.tryEmitEmpty();
            });
            sink.next(Event.of("{}").name("hello"));
        });
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15))
                .map(i -> Event.of("{}").name("ping"));
        // the stream ends when its session does: the keep-alive must not hold it open
        return Flux.merge(events, keepAlive.takeUntilOther(ended.asMono()));
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            subscriber.unsubscribe();
        } catch (RuntimeException e) {
            // not subscribed yet or connection gone: the thread ends with the JVM (daemon)
        }
    }
}
