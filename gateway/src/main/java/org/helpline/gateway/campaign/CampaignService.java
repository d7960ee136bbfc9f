package org.helpline.gateway.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.helpline.dialogue.Engine;
import redis.clients.jedis.UnifiedJedis;

/**
 * Campaigns: created (validated), previewed (audience, segments, cost), started at their time by whichever instance
 * gets there first, paused, resumed, cancelled, and their counts read. Sending is {@link CampaignRunner}'s.
 */
@Singleton
public class CampaignService {
    /** States: scheduled → running ⇄ paused → completed | cancelled. */
    public static final Set<String> STATES = Set.of("scheduled", "running", "paused", "completed", "cancelled");

    /** What a campaign team asks for; validated into a {@link Campaign}. */
    @Serdeable
    public record Request(String name, Map<String, String> messages, @Nullable String defaultLanguage,
                          @Nullable Campaign.Audience audience, @Nullable Instant startAt, @Nullable String quietStart,
                          @Nullable String quietEnd, @Nullable Double ratePerSecond,
                          @Nullable String whatsappTemplate, @Nullable Map<String, String> templateVariables) {
    }

    /** Refused: every problem, each in words a campaign team understands. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Segments of one language's message as it will be sent (with the opt-out line). */
    @Serdeable
    public record MessagePreview(String language, String text, Segments.Count segments, long recipients,
                                 long smsSegments) {
    }

    /** What a campaign will cost before it is sent. */
    @Serdeable
    public record Preview(long audience, Map<String, Long> byLanguage, Map<String, Long> byChannel,
                          List<MessagePreview> messages, long estimatedSmsSegments, long whatsappMessages,
                          List<String> warnings) {
    }

    /** A campaign, its state and counts, for the page. */
    @Serdeable
    public record Status(Campaign campaign, String state, Map<String, Long> counts, long remaining, double progress,
                         @Nullable String startedAt, @Nullable String finishedAt) {
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final Clock clock;
    private final CampaignConfiguration config;
    private final Engine engine;
    private final AudienceScript audience;
    private final CampaignValidator validator;
    private final TransitionScript transition;

    /** Where SMS and WhatsApp messages would go: what the preview warns about. {@code null} in unit tests. */
    private final org.helpline.gateway.channel.Senders senders;

    public CampaignService(UnifiedJedis redis, JsonMapper json, Clock clock, CampaignConfiguration config,
                           Engine engine) {
        this(redis, json, clock, config, engine, null);
    }

    @jakarta.inject.Inject
    public CampaignService(UnifiedJedis redis, JsonMapper json, Clock clock, CampaignConfiguration config,
                           Engine engine, @Nullable org.helpline.gateway.channel.Senders senders) {
        this.senders = senders;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.engine = engine;
        this.audience = new AudienceScript(redis);
        this.validator = new CampaignValidator(json, clock, config, engine);
        this.transition = new TransitionScript(redis);
    }

    /**
     * Said before anything is sent, so that a broadcast that cannot reach anyone, or reaches only the development
     * stand-in, is never mistaken for a real one.
     */
    private List<String> senderWarnings(Map<String, Long> byChannel) {
        List<String> warnings = new ArrayList<>();
        if (senders == null) {
            return warnings;
        }
        long twilio = byChannel.getOrDefault("SMS", 0L) + byChannel.getOrDefault("WHATSAPP", 0L);
        org.helpline.gateway.channel.Senders.Route route =
                senders.route(org.helpline.gateway.channel.Channel.SMS);
        if (route == org.helpline.gateway.channel.Senders.Route.NONE) {
            warnings.add("No SMS/WhatsApp sender is configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)"
                    + (twilio > 0 ? ": the " + twilio + " SMS/WhatsApp contact(s) would all fail" : ""));
        } else if (route == org.helpline.gateway.channel.Senders.Route.STAND_IN) {
            warnings.add("Development sender: messages go to the local Twilio stand-in (shown on the simulator's "
                    + "phone at /simulator), never to a real phone");
        }
        return warnings;
    }

    public Campaign create(Request r, String createdBy) {
        Campaign c = validate(r, createdBy);
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("def", write(c));
        hash.put("state", "scheduled");
        hash.put("startAt", Long.toString(c.startAt().toEpochMilli()));
        redis.hset(CampaignKeys.campaign(c.id()), hash);
        redis.zadd(CampaignKeys.campaigns(), c.createdAt().toEpochMilli(), c.id());
        return c;
    }

    Campaign validate(Request r, String createdBy) {
        return validator.validate(r, createdBy);
    }

    /** Audience size by language and channel, segments per message, estimated cost: nothing is sent. */
    public Preview preview(Request r) {
        Campaign c = validate(r, "preview");
        List<String> languages = new ArrayList<>(new TreeSet<>(redis.smembers(CampaignKeys.languages())));
        List<String> channels = List.of("SMS", "WHATSAPP", "SIMULATOR");
        List<String> breakdown = new ArrayList<>();
        languages.forEach(l -> breakdown.add(CampaignKeys.language(l)));
        channels.forEach(ch -> breakdown.add(CampaignKeys.channel(ch)));
        List<Long> counts = audience.preview(c.audience(), CampaignKeys.scratch("preview:" + UUID.randomUUID()),
                breakdown);
        Map<String, Long> byLanguage = new TreeMap<>();
        for (int i = 0; i < languages.size(); i++) {
            if (counts.get(1 + i) > 0) {
                byLanguage.put(languages.get(i), counts.get(1 + i));
            }
        }
        Map<String, Long> byChannel = new TreeMap<>();
        for (int i = 0; i < channels.size(); i++) {
            byChannel.put(channels.get(i), counts.get(1 + languages.size() + i));
        }
        long total = counts.get(0);
        double smsShare = total == 0 ? 0 : (double) (total - byChannel.get("WHATSAPP")) / total;
        List<MessagePreview> messages = new ArrayList<>();
        Map<String, Long> recipientsByMessage = new TreeMap<>();
        byLanguage.forEach((lang, n) -> recipientsByMessage.merge(
                c.messages().containsKey(lang) ? lang : c.defaultLanguage(), n, Long::sum));
        long segmentsTotal = 0;
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> m : c.messages().entrySet()) {
            String text = smsText(c, m.getKey());
            Segments.Count s = Segments.count(text);
            long recipients = recipientsByMessage.getOrDefault(m.getKey(), 0L);
            long sms = Math.round(recipients * smsShare);
            segmentsTotal += sms * s.segments();
            messages.add(new MessagePreview(m.getKey(), text, s, recipients, sms * s.segments()));
            if (s.ucs2Char() != null) {
                warnings.add(m.getKey() + ": the character '" + s.ucs2Char() + "' at position " + (s.ucs2At() + 1)
                        + " makes every segment UCS-2 (70 characters instead of 160)");
            }
        }
        byLanguage.keySet().stream().filter(l -> !c.messages().containsKey(l)).forEach(l -> warnings.add(
                byLanguage.get(l) + " contact(s) in '" + l + "' get the " + c.defaultLanguage() + " message"));
        warnings.addAll(senderWarnings(byChannel));
        return new Preview(total, byLanguage, byChannel, messages, segmentsTotal, byChannel.get("WHATSAPP"),
                warnings);
    }

    /** The SMS text of a language's message: the message and, unless it already says STOP, the opt-out line. */
    public String smsText(Campaign c, String language) {
        String text = c.messageFor(language);
        if (text.toUpperCase(Locale.ROOT).contains("STOP")) {
            return text;
        }
        String lang = engine.flows().languages().contains(language) ? language : engine.flows().defaultLanguage();
        return text + " " + engine.flows().catalogue().render(lang, "campaign.footer", Map.of());
    }

    public Optional<Campaign> campaign(String id) {
        String def = redis.hget(CampaignKeys.campaign(id), "def");
        return def == null ? Optional.empty() : Optional.of(read(def));
    }

    public Optional<Status> status(String id) {
        Map<String, String> h = redis.hgetAll(CampaignKeys.campaign(id));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> counts = new TreeMap<>();
        redis.hgetAll(CampaignKeys.counts(id)).forEach((k, v) -> counts.put(k, Long.parseLong(v)));
        long audienceSize = counts.getOrDefault("audience", 0L);
        long done = counts.getOrDefault("done", 0L);
        long remaining = redis.scard(CampaignKeys.pending(id)) + redis.zcard(CampaignKeys.inflight(id))
                + redis.zcard(CampaignKeys.deferred(id));
        double progress = audienceSize == 0 ? ("completed".equals(h.get("state")) ? 1.0 : 0.0)
                : Math.min(1.0, (double) done / audienceSize);
        return Optional.of(new Status(read(h.get("def")), h.get("state"), counts, remaining, progress,
                millis(h.get("startedAt")), millis(h.get("finishedAt"))));
    }

    private static String millis(String ms) {
        return ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms)).toString();
    }

    /** Newest first. */
    public List<Status> list(int limit) {
        List<Status> out = new ArrayList<>();
        for (String id : redis.zrevrange(CampaignKeys.campaigns(), 0, limit - 1)) {
            status(id).ifPresent(out::add);
        }
        return out;
    }

    /** Starts every scheduled campaign whose time has come (atomic: one instance wins). */
    public List<String> startDue() {
        List<String> started = new ArrayList<>();
        long now = clock.millis();
        for (String id : redis.zrange(CampaignKeys.campaigns(), 0, -1)) {
            Map<String, String> h = redis.hgetAll(CampaignKeys.campaign(id));
            if (!"scheduled".equals(h.get("state")) || Long.parseLong(h.get("startAt")) > now) {
                continue;
            }
            if (audience.start(read(h.get("def")), now) >= 0) {
                started.add(id);
            }
        }
        return started;
    }

    public List<String> running() {
        return new ArrayList<>(redis.smembers(CampaignKeys.running()));
    }

    /** Pause: no new recipient is handed out; those in flight finish. */
    public boolean pause(String id) {
        return transition(id, Set.of("running", "scheduled"), "paused");
    }

    public boolean resume(String id) {
        Map<String, String> h = redis.hgetAll(CampaignKeys.campaign(id));
        if (!"paused".equals(h.get("state"))) {
            return false;
        }
        // a campaign paused before it started resumes as scheduled, so it still gets its audience
        boolean started = h.containsKey("startedAt");
        return transition(id, Set.of("paused"), started ? "running" : "scheduled");
    }

    /** Cancel: nobody else is messaged; the recipients not reached are counted as cancelled. */
    public boolean cancel(String id) {
        if (!transition(id, Set.of("running", "scheduled", "paused"), "cancelled")) {
            return false;
        }
        long left = redis.scard(CampaignKeys.pending(id)) + redis.zcard(CampaignKeys.deferred(id));
        redis.hincrBy(CampaignKeys.counts(id), "cancelled", left);
        redis.del(CampaignKeys.pending(id), CampaignKeys.deferred(id));
        redis.hset(CampaignKeys.campaign(id), "finishedAt", Long.toString(clock.millis()));
        return true;
    }

    private boolean transition(String id, Set<String> from, String to) {
        String key = CampaignKeys.campaign(id);
        // compare-and-set: a concurrent change (another instance finishing it) is not overwritten
        for (int attempt = 0; attempt < 5; attempt++) {
            String state = redis.hget(key, "state");
            if (state == null || !from.contains(state)) {
                return false;
            }
            if (transition.run(id, state, to)) {
                return true;
            }
        }
        return false;
    }

    private String write(Campaign c) {
        try {
            return json.writeValueAsString(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Campaign read(String def) {
        try {
            return json.readValue(def, Campaign.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
