package org.helpline.gateway.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.helpline.gateway.campaign.CampaignKeys;
import org.helpline.gateway.support.TwilioStandIn;
import redis.clients.jedis.Jedis;

/**
 * Gateway A is killed with {@code kill -9} while both instances send one campaign (or, {@code pause}, frozen with
 * {@code kill -STOP} past its lease and then resumed: it must not send what B has taken over meanwhile). A worker of A
 * may have handed a message to Twilio and died before recording it, or died holding recipients it had not sent yet;
 * B takes over A's leases when they expire, asks Twilio (the stand-in's message list) which went out, sends the rest
 * and finishes. The stand-in's record of created messages is the referee: every recipient exactly once.
 */
final class CampaignScenario {
    private static final String CAMPAIGNER = "chaos-cam";
    private static final String PASSWORD = "chaos-cam-password";
    private static final String TEXT = "Chaos drill: it is never your fault, and you can always text us.";
    /** How long the stand-in holds each send's answer: the message exists at "Twilio", the sender waits. */
    static final long ANSWER_MS = 20;
    private static final int CHUNK = 1000; // rows per CSV import: the server refuses bodies over 64 KiB

    private CampaignScenario() {
    }

    /**
     * @param pause instead of killing A, freeze it ({@code kill -STOP}) past its lease, let B take its recipients
     *              over, then resume it ({@code kill -CONT}): a zombie sender
     */
    static void run(Cluster c, Report report, int recipients, double rate, double killAt, boolean pause)
            throws Exception {
        c.createUser(CAMPAIGNER, PASSWORD, List.of("CAMPAIGNER"), 1);
        // a send takes time, as at Twilio: at any moment each instance has messages created but not yet answered
        c.twilio.delay(r -> r.method().equals("POST") ? ANSWER_MS : 0L);
        Web.Console onA = Web.Console.login(c.a.url(), CAMPAIGNER, PASSWORD);
        Web.Console onB = Web.Console.login(c.b.url(), CAMPAIGNER, PASSWORD);

        // the list: consenting contacts imported as CSV through the API, in chunks, over both instances
        Set<String> expected = new HashSet<>();
        long importStart = System.nanoTime();
        for (int from = 0; from < recipients; from += CHUNK) {
            StringBuilder csv = new StringBuilder("phone,channel,language,timezone,consent_at,consent_record\n");
            for (int i = from; i < Math.min(recipients, from + CHUNK); i++) {
                String phone = String.format("+4479111%05d", i);
                expected.add(phone);
                csv.append(phone).append(",sms,en,UTC,2026-01-01,chaos-form-").append(i).append('\n');
            }
            Web.Answer r = (from / CHUNK % 2 == 0 ? onA : onB).postCsv("/console/api/campaigns/contacts/import", csv
                    .toString());
            if (!r.ok() || !r.json().get("committed").asBoolean()) {
                throw new IllegalStateException("import refused: " + r);
            }
        }
        long subscribed;
        try (Jedis j = c.redis.jedis()) {
            subscribed = j.scard(CampaignKeys.subscribed());
        }
        report.figure("%,d contacts imported (CSV, %d-row files, over A and B) in %s", subscribed, CHUNK,
                Report.seconds(System.nanoTime() - importStart));
        if (subscribed != recipients) {
            throw new IllegalStateException(subscribed + " subscribed, expected " + recipients);
        }

        // a campaign that sends now: no quiet hours (start = end), SMS only, at the given rate across instances
        JsonNode created = onA.expect(201, "/console/api/campaigns", String.format(java.util.Locale.ROOT,
                "{\"name\":\"chaos\",\"messages\":{\"en\":\"%s\"},\"audience\":{\"channels\":[\"SMS\"]},"
                        + "\"quietStart\":\"00:00\",\"quietEnd\":\"00:00\",\"ratePerSecond\":%.1f}", TEXT, rate));
        String id = created.get("campaign").get("id").asText();
        long createdAt = System.nanoTime();

        // kill A once the given share has gone out, preferably at a moment when both instances hold leases
        int killWhen = (int) (recipients * killAt);
        long deadline = System.nanoTime() + (long) (recipients / rate * 4e9) + 60_000_000_000L;
        long bothOrLater = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            if (campaignSends(c.twilio) >= killWhen) {
                bothOrLater = Math.min(bothOrLater, System.nanoTime() + 2_000_000_000L);
                if (owners(claims(c, id)).size() >= 2 || System.nanoTime() > bothOrLater) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        long killedAt = System.nanoTime();
        int status = 137;
        if (pause) {
            c.a.signal("STOP");
        } else {
            status = c.a.kill9();
        }
        long sentAtKill = campaignSends(c.twilio);
        Map<String, String> afterKill = claims(c, id);
        report.figure("%,d recipients at %.0f/s, %d workers per instance, the stand-in answering each send after "
                        + "%d ms; A (pid %d) %s %s after the campaign was created, with %,d sent (%.0f %%)",
                recipients, rate, pause ? ChaosRun.PAUSE_WORKERS : ChaosRun.CAMPAIGN_WORKERS, ANSWER_MS, c.a.pid(),
                pause ? "frozen with kill -STOP" : "killed with kill -9 (exit status " + status + ")",
                Report.seconds(killedAt - createdAt), sentAtKill, 100.0 * sentAtKill / recipients);
        report.check(pause ? "A frozen mid-campaign" : "A died of SIGKILL mid-campaign", status == 137
                && sentAtKill > 0 && sentAtKill < recipients, (pause ? "" : "exit status " + status + ", ")
                + sentAtKill + " of " + recipients + " sent");

        // which leases were A's: nobody renews or completes them, so they stay exactly as they were until the lease
        // expires (B's own leases come and go within a batch)
        Thread.sleep(Cluster.CAMPAIGN_LEASE.toMillis() * 6 / 10);
        Map<String, String> later = claims(c, id);
        List<String> frozen = owners(afterKill).keySet().stream().filter(o -> afterKill.entrySet().stream()
                .filter(e -> e.getValue().startsWith(o + "|"))
                .allMatch(e -> e.getValue().equals(later.get(e.getKey())))).toList();
        long leasedToA = frozen.size() == 1 ? owners(afterKill).get(frozen.get(0)) : -1;
        report.figure("leases right after the fault, by instance: %s; A's (unchanged %d ms later): %s",
                owners(afterKill).values(), Cluster.CAMPAIGN_LEASE.toMillis() * 6 / 10,
                leasedToA < 0 ? "not identified" : Long.toString(leasedToA));
        if (pause) {
            // B takes A's recipients over once the lease has run out; then A wakes up and carries on
            long resumeAt = killedAt + Cluster.CAMPAIGN_LEASE.toNanos() + 3_000_000_000L;
            Thread.sleep(Math.max(0, (resumeAt - System.nanoTime()) / 1_000_000));
            c.a.signal("CONT");
            report.figure("A resumed with kill -CONT %s after it was frozen (lease %d s)",
                    Report.seconds(System.nanoTime() - killedAt), Cluster.CAMPAIGN_LEASE.toSeconds());
        }

        // B finishes alone
        String state = "";
        JsonNode status0 = null;
        while (System.nanoTime() < deadline) {
            Web.Answer r = onB.get("/console/api/campaigns/" + id);
            if (r.ok()) {
                status0 = r.json();
                state = status0.get("state").asText();
                if (state.equals("completed")) {
                    break;
                }
            }
            Thread.sleep(200);
        }
        long finishedAt = System.nanoTime();
        if (pause) {
            Thread.sleep(2000); // anything the resumed A still does lands at the stand-in
        }
        Map<String, Long> counts = new TreeMap<>();
        if (status0 != null) {
            status0.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        }
        long sentAfter = campaignSends(c.twilio) - sentAtKill;
        report.figure("completed %s after the fault (%,d messages sent after it); campaign counts %s",
                Report.seconds(finishedAt - killedAt), sentAfter, counts);
        report.check("the campaign completed", state.equals("completed"), "state " + state);

        // the referee: what the Twilio stand-in created
        List<TwilioStandIn.Created> sent = c.twilio.created().stream().filter(m -> m.body() != null
                && m.body().startsWith(TEXT)).toList();
        Map<String, Long> perRecipient = sent.stream().collect(Collectors.groupingBy(TwilioStandIn.Created::to,
                Collectors.counting()));
        long duplicates = perRecipient.values().stream().filter(n -> n > 1).count();
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(perRecipient.keySet());
        Set<String> unexpected = new HashSet<>(perRecipient.keySet());
        unexpected.removeAll(expected);
        report.figure("stand-in: %,d messages created, %,d distinct recipients, duplicates %d, missing %d, "
                + "unexpected %d; %,d POSTs in all", sent.size(), perRecipient.size(), duplicates, missing.size(),
                unexpected.size(), c.twilio.posts());
        report.check("nobody lost", missing.isEmpty(), missing.size() + " recipients never messaged"
                + sample(missing));
        report.check("nobody messaged twice", duplicates == 0, duplicates + " recipients messaged more than once"
                + sample(perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet())));
        report.check("exactly one message per recipient", sent.size() == recipients && unexpected.isEmpty(),
                sent.size() + " messages for " + recipients + " recipients");
        long reconciled = counts.getOrDefault("reconciled:sent", 0L) + counts.getOrDefault("reconciled:requeued", 0L)
                + counts.getOrDefault("reconciled:unknown", 0L);
        report.check("A held recipients when " + (pause ? "frozen" : "killed") + ", and B took over its leases "
                        + "(reconciled with the stand-in's message list)",
                reconciled > 0 && (leasedToA < 0 || reconciled >= leasedToA),
                "reconciled:sent " + counts.getOrDefault("reconciled:sent", 0L) + " (Twilio had them), "
                        + "reconciled:requeued " + counts.getOrDefault("reconciled:requeued", 0L)
                        + " (sent by B), reconciled:unknown " + counts.getOrDefault("reconciled:unknown", 0L)
                        + (leasedToA < 0 ? "" : "; A held " + leasedToA));
        if (pause) {
            report.check("the freeze caught A holding recipients it had not sent yet (the hazard under test)",
                    counts.getOrDefault("reconciled:requeued", 0L) > 0, "reconciled:requeued "
                            + counts.getOrDefault("reconciled:requeued", 0L));
        }
        report.check("the campaign's own counts agree", counts.getOrDefault("accepted", 0L) == recipients
                && counts.getOrDefault("done", 0L) == recipients, "accepted " + counts.get("accepted")
                + ", done " + counts.get("done"));
    }

    /** Messages of this campaign the stand-in created so far. */
    private static long campaignSends(TwilioStandIn twilio) {
        return twilio.posts();
    }

    private static Map<String, String> claims(Cluster c, String id) {
        try (Jedis j = c.redis.jedis()) {
            return j.hgetAll(CampaignKeys.campaign(id) + ":claims");
        }
    }

    /** Leases per owner ({@code owner|claimedAt} values of the claims hash). */
    private static Map<String, Long> owners(Map<String, String> claims) {
        Map<String, Long> out = new HashMap<>();
        claims.values().forEach(v -> out.merge(v.substring(0, v.indexOf('|')), 1L, Long::sum));
        return out;
    }

    private static String sample(Set<String> phones) {
        return phones.isEmpty() ? "" : " e.g. " + phones.stream().sorted().limit(5).toList();
    }
}
