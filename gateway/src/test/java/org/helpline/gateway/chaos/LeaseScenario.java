package org.helpline.gateway.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.gateway.queue.LiveQueue;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/**
 * Gateway A is killed with {@code kill -9} while a counsellor whose console is connected to it holds conversations.
 * Their console's heartbeats (every second, lease 5 s) now fail, so nothing renews the leases; gateway B's lease job
 * must put every one of them back in the queue at its original place within the lease plus a second or two, and
 * the counsellor, reconnecting to B, is told and can claim them again there.
 */
final class LeaseScenario {
    static final int WAITING = 8;
    static final int HELD = 4;
    private static final String COUNSELLOR = "chaos-ana";
    private static final String PASSWORD = "chaos-ana-password";

    private LeaseScenario() {
    }

    static void run(Cluster c, Report report) throws Exception {
        c.createUser(COUNSELLOR, PASSWORD, List.of("COUNSELLOR"), HELD);

        // texters ask for a person, their webhooks spread over both instances
        for (int i = 0; i < WAITING; i++) {
            String from = String.format("+4479112%05d", i);
            Web.Answer r = Web.webhook(i % 2 == 0 ? c.a.url() : c.b.url(), String.format("SM%032d", 1000 + i),
                    from, "can i talk to a counsellor");
            if (!r.ok() || !r.body().contains("A counsellor will be with you soon")) {
                throw new IllegalStateException("escalation " + i + " not acknowledged: " + r);
            }
            Thread.sleep(20); // distinct enqueue times: the order is observable
        }
        LinkedHashMap<String, Double> before = waiting(c);
        report.figure("%d conversations waiting (escalated through signed webhooks on A and B)", before.size());

        // the counsellor's console is on A: available, "Help next" four times, heartbeat every second
        Web.Console onA = Web.Console.login(c.a.url(), COUNSELLOR, PASSWORD);
        onA.expect(200, "/console/api/presence", "{\"presence\":\"available\"}");
        List<String> held = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            held.add(onA.expect(200, "/console/api/next", "{}").get("conversation").asText());
        }
        List<String> firstFour = new ArrayList<>(before.keySet()).subList(0, HELD);
        report.check("'Help next' on A gave the " + HELD + " longest-waiting conversations, in order",
                held.equals(firstFour), held.size() + " claimed");
        AtomicLong lastRenewal = new AtomicLong(System.nanoTime());
        Thread heartbeat = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (onA.post("/console/api/heartbeat", "{}").ok()) {
                    lastRenewal.set(System.nanoTime());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "console-heartbeat-A");
        heartbeat.setDaemon(true);
        heartbeat.start();
        Thread.sleep(2500); // a few renewals: the leases are live when A dies
        try (Jedis j = c.redis.jedis()) {
            report.check("A's counsellor holds the conversations under a lease before the kill",
                    held.stream().allMatch(id -> j.zscore(LiveQueue.leasesKey(), id) != null),
                    j.zcard(LiveQueue.leasesKey()) + " leases, " + j.zcard(LiveQueue.waitingKey()) + " waiting");
        }

        long killedAt = System.nanoTime();
        int status = c.a.kill9();
        long sinceRenewal = killedAt - lastRenewal.get();
        report.figure("A (pid %d) killed with kill -9 at t=0 (exit status %d); last lease renewal (heartbeat) %d ms "
                + "before", c.a.pid(), status, sinceRenewal / 1_000_000);
        report.check("A died of SIGKILL", status == 137, "exit status " + status);

        // watch Redis until each held conversation is back in the waiting set
        Map<String, Long> backAt = new HashMap<>();
        long deadline = killedAt + Cluster.QUEUE_LEASE.toNanos() + 20_000_000_000L;
        try (Jedis j = c.redis.jedis()) {
            while (backAt.size() < HELD && System.nanoTime() < deadline) {
                for (String id : held) {
                    if (!backAt.containsKey(id) && j.zscore(LiveQueue.waitingKey(), id) != null
                            && "waiting".equals(j.hget(LiveQueue.entryKey(id), "state"))) {
                        backAt.put(id, System.nanoTime() - killedAt);
                    }
                }
                Thread.sleep(50);
            }
        }
        heartbeat.interrupt();
        long slowest = backAt.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        long fastest = backAt.values().stream().mapToLong(Long::longValue).min().orElse(-1);
        report.figure("back in the queue: %d/%d, the first after %s, the last after %s (lease %d s, expiry job every "
                + "1 s)", backAt.size(), HELD, Report.seconds(fastest), Report.seconds(slowest),
                Cluster.QUEUE_LEASE.toSeconds());
        report.check("every held conversation is back in the queue", backAt.size() == HELD,
                backAt.size() + "/" + HELD);
        long bound = Cluster.QUEUE_LEASE.toNanos() + 3_000_000_000L;
        report.check("... within lease + 3 s of the kill", backAt.size() == HELD && slowest <= bound,
                "last after " + Report.seconds(slowest) + ", bound " + Report.seconds(bound));

        LinkedHashMap<String, Double> after = waiting(c);
        report.check("original places kept: the waiting order and every priority score equal those before the claim",
                after.equals(before) && new ArrayList<>(after.keySet()).equals(new ArrayList<>(before.keySet())),
                "order " + (new ArrayList<>(after.keySet()).equals(new ArrayList<>(before.keySet())) ? "same" :
                        "DIFFERENT") + ", scores " + (after.equals(before) ? "same" : "DIFFERENT"));
        try (Jedis j = c.redis.jedis()) {
            report.check("no lease left, no conversation still held", j.zcard(LiveQueue.leasesKey()) == 0
                    && j.scard(LiveQueue.heldKey(COUNSELLOR)) == 0, j.zcard(LiveQueue.leasesKey()) + " leases");
        }

        // the counsellor reconnects to B: told what was lost, claims them again there
        Web.Console onB = Web.Console.login(c.b.url(), COUNSELLOR, PASSWORD);
        JsonNode beat = onB.expect(200, "/console/api/heartbeat", "{}");
        List<String> lost = new ArrayList<>();
        beat.get("lost").forEach(n -> lost.add(n.asText()));
        report.check("the counsellor's first heartbeat on B reports the lost conversations",
                lost.size() == HELD && lost.containsAll(held), lost.size() + " reported lost");
        List<String> again = new ArrayList<>();
        for (int i = 0; i < HELD; i++) {
            Web.Answer r = onB.post("/console/api/next", "{}");
            if (r.ok()) {
                again.add(r.json().get("conversation").asText());
            }
        }
        report.figure("claimed again on B: %d/%d", again.size(), HELD);
        report.check("claimed on B: the same conversations, in their original order", again.equals(held),
                again.size() + "/" + HELD + (again.equals(held) ? " in order" : " " + again));
    }

    /** The waiting set, most urgent first, with scores. */
    private static LinkedHashMap<String, Double> waiting(Cluster c) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        try (Jedis j = c.redis.jedis()) {
            for (Tuple t : j.zrangeWithScores(LiveQueue.waitingKey(), 0, -1)) {
                out.put(t.getElement(), t.getScore());
            }
        }
        return out;
    }
}
