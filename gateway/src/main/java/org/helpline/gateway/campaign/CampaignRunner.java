package org.helpline.gateway.campaign;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.MessageSender;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendRefusal;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.conversation.BroadcastPause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Sends running campaigns from this instance, sharing the work with every other instance through Redis: workers claim
 * recipients under a lease at the campaign's rate ({@code campaign_claim.lua}), check each one at the moment of
 * sending (still on the list, not with a counsellor, no recent crisis, not in their quiet hours), send, and record the
 * outcome ({@code campaign_complete.lua}). A job starts due campaigns and takes over recipients whose worker died:
 * it asks the provider whether the message went out before sending it again, so a killed instance loses nobody and
 * messages nobody twice.
 */
@Singleton
@Requires(property = "helpline.campaigns.enabled", notEquals = "false")
public class CampaignRunner implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);

    private final CampaignService campaigns;
    private final Subscribers subscribers;
    private final Senders senders;
    private final BroadcastPause pause;
    private final UnifiedJedis redis;
    private final Clock clock;
    private final CampaignConfiguration config;
    private final SendScripts scripts;
    private final String owner = "i-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Campaign> definitions = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<String> running = List.of();
    private volatile boolean stopped;
    private ExecutorService workers;
    private ScheduledExecutorService jobs;
    /** Recipients finished, deferred or retried (metrics); {@code NONE} for a runner built by hand. */
    @jakarta.inject.Inject
    CampaignCounters counters = CampaignCounters.NONE;

    public CampaignRunner(CampaignService campaigns, Subscribers subscribers, Senders senders, BroadcastPause pause,
                          UnifiedJedis redis, Clock clock, CampaignConfiguration config,
                          @Value("${twilio.timeout:10s}") Duration restTimeout) {
        if (config.lease().compareTo(restTimeout.multipliedBy(2)) < 0) {
            // a send slower than the lease would let another instance take the recipient over, find nothing at
            // Twilio yet, and send it too
            throw new ConfigurationException("helpline.campaigns.lease ("
                    + config.lease() + ") must be at least twice twilio.timeout (" + restTimeout
                    + "), or a slow send could be sent again by another instance");
        }
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.senders = senders;
        this.pause = pause;
        this.redis = redis;
        this.clock = clock;
        this.config = config;
        this.scripts = new SendScripts(redis);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "campaign-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < config.workers(); i++) {
            workers.submit(this::work);
        }
        jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "campaign-jobs");
            t.setDaemon(true);
            return t;
        });
        jobs.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    /** Starts due campaigns, refreshes the running list, reconciles expired leases. */
    void tick() {
        try {
            for (String id : campaigns.startDue()) {
                LOG.info("campaign {} started", id);
            }
            List<String> now = campaigns.running();
            running = now;
            for (String id : now) {
                reconcile(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("campaign jobs: {}", e.toString());
        }
    }

    private void work() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                List<String> ids = running;
                if (ids.isEmpty()) {
                    Thread.sleep(250);
                    continue;
                }
                String id = ids.get(Math.floorMod(turn.getAndIncrement(), ids.size()));
                Campaign c = definition(id);
                if (c == null) {
                    Thread.sleep(250);
                    continue;
                }
                double burst = Math.max(1.0, c.ratePerSecond() / 20);
                int batch = (int) Math.max(1, Math.min(50, burst));
                SendScripts.Claim claim = scripts.claim(id, clock.millis(), owner, config.lease().toMillis(), batch,
                        c.ratePerSecond(), burst);
                if (claim instanceof SendScripts.Recipients r) {
                    for (String recipient : r.ids()) {
                        if (stopped || Thread.currentThread().isInterrupted()) {
                            return; // the rest stay leased to us and are reconciled by another instance
                        }
                        process(c, recipient);
                    }
                } else if (claim instanceof SendScripts.Wait w) {
                    Thread.sleep(w.millis() < 0 ? 250 : Math.min(w.millis(), w.forRate() ? 1000 : 250));
                } else {
                    running = campaigns.running();
                    if (ids.size() == 1) {
                        Thread.sleep(100);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warn("campaign worker: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Campaign definition(String id) {
        Campaign c = definitions.get(id);
        if (c == null) {
            c = campaigns.campaign(id).orElse(null);
            if (c != null) {
                definitions.put(id, c);
            }
        }
        return c;
    }

    /** One recipient, checked at the moment of sending. */
    void process(Campaign c, String id) {
        long now = clock.millis();
        Subscriber s = subscribers.get(id).orElse(null);
        if (s == null) {
            subscribers.expired(id);
            done(c, id, "skipped", "skip:not_on_list", true);
            return;
        }
        if (!s.subscribed() || subscribers.contactOptedOut(id)) {
            done(c, id, "opted_out", null, true);
            return;
        }
        var paused = pause.reason(id);
        if (paused.isPresent()) {
            done(c, id, "skipped", paused.get() == BroadcastPause.Reason.WITH_COUNSELLOR ? "skip:with_counsellor"
                    : "skip:recent_high_risk", true);
            return;
        }
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone(s));
        if (c.quietAt(local.toLocalTime())) {
            long notBefore = quietEnds(c, local).toInstant().toEpochMilli();
            scripts.complete(c.id(), id, owner, SendScripts.Mode.DEFER, "deferred:quiet_hours", null, notBefore,
                    true, now);
            counters.recipient("deferred");
            return;
        }
        OutboundMessage message;
        try {
            message = message(c, s);
        } catch (IllegalArgumentException e) {
            done(c, id, "failed", "error:bad_address", true);
            return;
        }
        if (!scripts.hold(c.id(), id, owner, clock.millis(), config.lease().toMillis())) {
            // this worker stalled past its lease: another instance has taken the recipient over (and may have sent)
            LOG.warn("campaign {}: a recipient's lease was taken over while this worker stalled; not sending", c.id());
            return;
        }
        SendResult result;
        try {
            result = senders.send(message);
        } catch (IllegalStateException e) {
            done(c, id, "failed", "error:no_sender_for_" + s.channel().toLowerCase(Locale.ROOT), false);
            return;
        }
        if (result.refusal() != null) {
            // the send point's refusal: opted out in a conversation, or not safe to text (never an error to retry)
            done(c, id, "skipped", result.refusal() == SendRefusal.OPTED_OUT
                    ? "skip:opted_out" : "skip:not_safe_to_text", true);
        } else if (result.accepted()) {
            done(c, id, "accepted", null, false);
        } else if (Integer.valueOf(21610).equals(result.errorCode())) {
            subscribers.optOut(id, "carrier:21610");
            done(c, id, "opted_out", "error:21610", false);
        } else if (result.retryable()) {
            String tried = redis.hget(CampaignKeys.attempts(c.id()), id);
            int attempts = 1 + (tried == null ? 0 : Integer.parseInt(tried));
            String code = "error:" + (result.errorCode() == null ? "network" : result.errorCode());
            if (attempts >= config.maxAttempts()) {
                done(c, id, "failed", code, false);
            } else {
                long backoff = config.retryBackoff().toMillis() << Math.min(attempts - 1, 10);
                scripts.complete(c.id(), id, owner, SendScripts.Mode.RETRY, "retries", null,
                        clock.millis() + backoff, false, clock.millis());
                counters.recipient("retry");
            }
        } else {
            done(c, id, "failed", "error:" + result.errorCode(), false);
        }
    }

    private void done(Campaign c, String id, String count, String count2, boolean refund) {
        scripts.complete(c.id(), id, owner, SendScripts.Mode.DONE, count, count2, 0, refund, clock.millis());
        counters.recipient(count);
    }

    OutboundMessage message(Campaign c, Subscriber s) {
        Address to = Address.parse(subscribers.openAddress(s));
        OutboundMessage m;
        if (to.channel() == Channel.WHATSAPP) {
            Map<String, String> vars = c.templateVariables();
            String v = vars == null ? null : vars.getOrDefault(s.language(), vars.get(c.defaultLanguage()));
            m = OutboundMessage.template(to, c.whatsappTemplate(), v, Purpose.CAMPAIGN);
        } else {
            m = OutboundMessage.text(to, campaigns.smsText(c, s.language()),
                    Purpose.CAMPAIGN);
        }
        return m.withStatusQuery("campaign=" + c.id() + "&r=" + s.id());
    }

    private static ZoneId zone(Subscriber s) {
        try {
            return ZoneId.of(s.zone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The next end of the quiet hours after {@code local}, in the recipient's zone. */
    static ZonedDateTime quietEnds(Campaign c, ZonedDateTime local) {
        LocalDate day = local.toLocalDate();
        ZonedDateTime end = day.atTime(c.quietEnd()).atZone(local.getZone());
        return end.isAfter(local) ? end : day.plusDays(1).atTime(c.quietEnd()).atZone(local.getZone());
    }

    /** Recipients whose worker died: found at the provider → counted; not found → back in the pending set. */
    void reconcile(String campaign) {
        Campaign c = definition(campaign);
        if (c == null) {
            return;
        }
        for (SendScripts.Expired e : scripts.expire(campaign, clock.millis(), owner, config.lease().toMillis(), 200)) {
            Subscriber s = subscribers.get(e.id()).orElse(null);
            if (s == null) {
                done(c, e.id(), "skipped", "skip:not_on_list", false);
                continue;
            }
            MessageSender.Lookup found;
            try {
                found = senders.lookup(message(c, s), Instant.ofEpochMilli(e.claimedAt()));
            } catch (RuntimeException ex) {
                found = MessageSender.Lookup.UNKNOWN;
            }
            if (found.found() == MessageSender.Found.YES) {
                done(c, e.id(), "accepted", "reconciled:sent", false);
            } else {
                scripts.complete(campaign, e.id(), owner, SendScripts.Mode.REQUEUE,
                        found.found() == MessageSender.Found.NO ? "reconciled:requeued" : "reconciled:unknown", null,
                        0, false, clock.millis());
            }
        }
    }

    /** Instance id, as it appears in claims. */
    public String owner() {
        return owner;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (workers != null) {
            workers.shutdownNow();
        }
        if (jobs != null) {
            jobs.shutdownNow();
        }
    }
}
