package org.helpline.gateway.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.conversation.SafetyList;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.Pseudonymiser;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * The safety-message list: who joined it, with what consent, in which language, channel, tags and time zone; who left
 * it. STOP always wins: an opted-out contact leaves every index at once and an import can never put them back (only
 * the young person texting JOIN again can).
 */
@Singleton
public class Subscribers implements SafetyList {
    /** What happened to one subscription request. */
    public enum Outcome { ADDED, UPDATED, REFUSED_OPTED_OUT }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private final UnifiedJedis redis;
    private final Pseudonymiser pseudonymiser;
    private final MessageCipher cipher;
    private final ConversationStore conversations;
    private final Clock clock;

    private final long retentionSeconds;

    public Subscribers(UnifiedJedis redis, Pseudonymiser pseudonymiser, MessageCipher cipher,
                       ConversationStore conversations, Clock clock, CampaignConfiguration config) {
        this.retentionSeconds = Math.max(60, config.listRetention().toSeconds());
        this.redis = redis;
        this.pseudonymiser = pseudonymiser;
        this.cipher = cipher;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** A request to join: who, how they consented, and what they want. */
    public record Join(Address address, String language, List<String> tags, @Nullable String zone,
                       String consentSource, String consentAt, @Nullable String consentRecord) {
        @Override
        public String toString() {
            return "Join[" + address + ", " + language + ", " + consentSource + "]";
        }
    }

    public String idOf(Address address) {
        return pseudonymiser.pseudonym(address.raw());
    }

    public Optional<Subscriber> get(String id) {
        Subscriber s = Subscriber.fromMap(id, redis.hgetAll(CampaignKeys.subscriber(id)));
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new Subscriber(s.id(), s.sealedAddress(), s.channel(), s.language(), s.tags(), s.zone(),
                s.status(), open(id, s.consentSource()), s.consentAt(), s.consentRecord() == null ? null
                : open(id, s.consentRecord()), s.optedOutAt()));
    }

    /**
     * The consent's source and record are encrypted at rest like the address: an import's {@code consent_record} and
     * {@code consent_source} are free text (a form reference, a school's name) that can identify the young person.
     */
    private String seal(String id, String value) {
        return cipher.encrypt(value, id + ":consent");
    }

    /** A record written before consent was encrypted is read as it is. */
    private String open(String id, String stored) {
        try {
            return cipher.decrypt(stored, id + ":consent");
        } catch (IllegalArgumentException | IllegalStateException e) {
            return stored;
        }
    }

    /**
     * Adds or updates a subscription. {@code bySelf}: the young person asked (keyword or flow), which may lift their
     * own earlier STOP; an import never does.
     */
    public Outcome subscribe(Join join, boolean bySelf) {
        String id = idOf(join.address());
        Subscriber existing = get(id).orElse(null);
        if (!bySelf && (existing != null && !existing.subscribed() || contactOptedOut(id))) {
            return Outcome.REFUSED_OPTED_OUT;
        }
        String zone = join.zone() != null ? join.zone() : zoneOf(join.address());
        Subscriber s = new Subscriber(id, cipher.encrypt(join.address().raw(), id + ":list"),
                join.address().channel().name(), join.language(), List.copyOf(join.tags()), zone,
                Subscriber.SUBSCRIBED, join.consentSource(), join.consentAt(), join.consentRecord(), null);
        try (AbstractPipeline p = redis.pipelined()) {
            write(p, existing, s);
            p.sync();
        }
        return existing == null ? Outcome.ADDED : Outcome.UPDATED;
    }

    /** Many subscriptions at once (an import already validated and deduplicated), pipelined. */
    public void subscribeAll(List<Join> joins) {
        try (AbstractPipeline p = redis.pipelined()) {
            int n = 0;
            for (Join join : joins) {
                String id = idOf(join.address());
                String zone = join.zone() != null ? join.zone() : zoneOf(join.address());
                Subscriber s = new Subscriber(id, cipher.encrypt(join.address().raw(), id + ":list"),
                        join.address().channel().name(), join.language(), List.copyOf(join.tags()), zone,
                        Subscriber.SUBSCRIBED, join.consentSource(), join.consentAt(), join.consentRecord(), null);
                write(p, null, s);
                if (++n % 1000 == 0) {
                    p.sync();
                }
            }
            p.sync();
        }
    }

    private void write(AbstractPipeline p, @Nullable Subscriber previous, Subscriber s) {
        if (previous != null) {
            unindex(p, previous);
        }
        Map<String, String> record = s.toMap();
        record.put("consentSource", seal(s.id(), s.consentSource()));
        if (s.consentRecord() != null) {
            record.put("consentRecord", seal(s.id(), s.consentRecord()));
        }
        p.del(CampaignKeys.subscriber(s.id()));
        p.hset(CampaignKeys.subscriber(s.id()), record);
        p.expire(CampaignKeys.subscriber(s.id()), retentionSeconds);
        p.sadd(CampaignKeys.language(s.language()), s.id());
        p.sadd(CampaignKeys.channel(s.channel()), s.id());
        p.sadd(CampaignKeys.languages(), s.language());
        for (String t : s.tags()) {
            p.sadd(CampaignKeys.tag(t), s.id());
            p.sadd(CampaignKeys.tags(), t);
        }
        p.sadd(CampaignKeys.subscribed(), s.id());
    }

    private static void unindex(AbstractPipeline p, Subscriber s) {
        p.srem(CampaignKeys.subscribed(), s.id());
        p.srem(CampaignKeys.language(s.language()), s.id());
        p.srem(CampaignKeys.channel(s.channel()), s.id());
        for (String t : s.tags()) {
            p.srem(CampaignKeys.tag(t), s.id());
        }
    }

    /** STOP (or Twilio's 21610): off the list at once; the record stays, marked, so an import cannot undo it. */
    public boolean optOut(String id, String why) {
        Subscriber s = get(id).orElse(null);
        if (s == null) {
            return false;
        }
        try (AbstractPipeline p = redis.pipelined()) {
            unindex(p, s);
            p.hset(CampaignKeys.subscriber(id), Map.of("status", Subscriber.OPTED_OUT,
                    "optedOutAt", clock.instant().toString(), "optedOutBy", why));
            p.expire(CampaignKeys.subscriber(id), retentionSeconds);
            p.sync();
        }
        return true;
    }

    /** START after STOP: back on the list only if they had joined it before. */
    public boolean optBackIn(String id) {
        Subscriber s = get(id).orElse(null);
        if (s == null || s.subscribed()) {
            return false;
        }
        Subscriber back = new Subscriber(s.id(), s.sealedAddress(), s.channel(), s.language(), s.tags(), s.zone(),
                Subscriber.SUBSCRIBED, s.consentSource(), s.consentAt(), s.consentRecord(), null);
        try (AbstractPipeline p = redis.pipelined()) {
            write(p, null, back);
            p.sync();
        }
        return true;
    }

    /** Erasure: out of every index; the record itself goes with the conversation's keys. */
    public void forget(String id) {
        Subscriber s = get(id).orElse(null);
        if (s == null) {
            return;
        }
        try (AbstractPipeline p = redis.pipelined()) {
            unindex(p, s);
            p.del(CampaignKeys.subscriber(id));
            p.sync();
        }
    }

    /** A contact whose list record has expired (retention) leaves the list's audience too. */
    public void expired(String id) {
        redis.srem(CampaignKeys.subscribed(), id);
    }

    public String openAddress(Subscriber s) {
        return cipher.decrypt(s.sealedAddress(), s.id() + ":list");
    }

    @Override
    public void joined(Address address, String language, JoinedBy how, String keyword, Instant at, String evidence) {
        subscribe(new Join(address, language, List.of(), null,
                how == JoinedBy.FLOW ? "flow" : "keyword:" + keyword, at.toString(), evidence), true);
    }

    @Override
    public void optedOut(String conversationId) {
        optOut(conversationId, "keyword");
    }

    @Override
    public void optedBackIn(String conversationId) {
        optBackIn(conversationId);
    }

    @Override
    public void erased(String conversationId) {
        forget(conversationId);
    }

    /** The contact texted STOP in a conversation (whether or not they were on the list). */
    public boolean contactOptedOut(String id) {
        return conversations.optedOut(id);
    }

    public boolean exists(String id) {
        return redis.exists(CampaignKeys.subscriber(id));
    }

    /** Numbers of subscribed contacts, overall and per language, channel and tag (for the page). */
    public Map<String, Object> summary() {
        Map<String, Long> languages = new TreeMap<>();
        for (String l : redis.smembers(CampaignKeys.languages())) {
            languages.put(l, count(CampaignKeys.language(l)));
        }
        Map<String, Long> channels = new TreeMap<>();
        for (String c : List.of("SMS", "WHATSAPP", "SIMULATOR")) {
            channels.put(c, count(CampaignKeys.channel(c)));
        }
        Map<String, Long> tags = new TreeMap<>();
        for (String t : redis.smembers(CampaignKeys.tags())) {
            tags.put(t, count(CampaignKeys.tag(t)));
        }
        return Map.of("subscribed", redis.scard(CampaignKeys.subscribed()), "languages", languages,
                "channels", channels, "tags", tags);
    }

    /** Members of an index: only subscribed contacts are indexed. */
    private long count(String index) {
        return redis.scard(index);
    }

    public List<String> knownLanguages() {
        return new ArrayList<>(redis.smembers(CampaignKeys.languages()));
    }

    /**
     * The number's time zone from libphonenumber. A number that maps to several zones (a UK mobile: London, Jersey,
     * Guernsey, Isle of Man) takes the one its country's example landline has when that is among them; a number with
     * none (unallocated ranges, e.g. the UK's drama numbers) takes its country's. UTC when nothing is known.
     */
    public static String zoneOf(Address address) {
        try {
            var number = PHONES.parse(address.e164(), null);
            List<String> zones = known(PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number));
            String region = PHONES.getRegionCodeForNumber(number);
            if (region == null) {
                region = PHONES.getRegionCodeForCountryCode(number.getCountryCode());
            }
            var example = region == null ? null : PHONES.getExampleNumber(region);
            List<String> country = example == null ? List.of()
                    : known(PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(example));
            for (String z : zones) {
                if (country.contains(z)) {
                    return z;
                }
            }
            if (!zones.isEmpty()) {
                return zones.get(0);
            }
            if (!country.isEmpty()) {
                return country.get(0);
            }
        } catch (NumberParseException e) {
            // fall through
        }
        return "UTC";
    }

    private static List<String> known(List<String> zones) {
        List<String> out = new ArrayList<>();
        for (String z : zones) {
            try {
                out.add(ZoneId.of(z).getId());
            } catch (DateTimeException e) {
                // Etc/Unknown
            }
        }
        return out;
    }
}
