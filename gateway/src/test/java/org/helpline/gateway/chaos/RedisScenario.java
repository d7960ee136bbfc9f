package org.helpline.gateway.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.gateway.queue.LiveQueue;
import redis.clients.jedis.Jedis;

/**
 * Redis is killed with {@code kill -9} in the middle of webhook traffic (texters asking for a person on both
 * instances) and restarted on the same port and data directory (append-only file, {@code appendfsync everysec}).
 * Texters whose webhook failed retry the same MessageSid, as Twilio does. Checked afterwards, against Redis itself:
 * every escalation a texter was told about ("A counsellor will be with you soon", HTTP 200) is in the queue; /health
 * said DOWN (503) during the outage and UP after; the same gateway processes answer again without a restart.
 */
final class RedisScenario {
    private static final String ACK = "A counsellor will be with you soon";
    private static final int TEXTERS = 8;            // concurrent senders
    private static final long BEFORE_MS = 5000;      // traffic before the kill
    private static final long DOWN_MS = 3000;        // Redis stays dead this long
    private static final long AFTER_MS = 5000;       // traffic after the restart
    private static final long RETRY_MS = 250;        // a failed webhook is retried this often (same MessageSid)
    private static final int WARM_UP = 50;           // greetings per instance before the measured traffic

    /** An acknowledged escalation: who, when (ns since the traffic began), through which instance. */
    private record Ack(String from, long at, String instance) {
    }

    /** One /health request: sent at {@code start}, answered at {@code end} (ns since the traffic began). */
    private record Sample(long start, long end, int status) {
    }

    private RedisScenario() {
    }

    static void run(Cluster c, Report report) throws Exception {
        // warm both JVMs up first (a greeting: the privacy notice, no escalation), so the traffic is steady
        for (int i = 0; i < 2 * WARM_UP; i++) {
            Web.webhook((i % 2 == 0 ? c.a : c.b).url(), String.format("SM%032d", 900_000 + i),
                    String.format("+4479114%05d", i), "hi");
        }
        long t0 = System.nanoTime();
        List<Ack> acks = new CopyOnWriteArrayList<>();
        List<String> stuck = new CopyOnWriteArrayList<>();
        List<String> wrongReply = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, List<Long>> firstOkAfter = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicLong restartedAt = new AtomicLong(Long.MAX_VALUE);
        Flags stop = new Flags();
        List<GatewayProcess> gateways = List.of(c.a, c.b);

        // /health on both instances every 100 ms
        List<List<Sample>> health = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        Thread poller = new Thread(() -> {
            while (!stop.healthStop) {
                for (int i = 0; i < 2; i++) {
                    long sent = System.nanoTime() - t0;
                    int status = Web.health(gateways.get(i).url());
                    health.get(i).add(new Sample(sent, System.nanoTime() - t0, status));
                }
                sleep(100);
            }
        }, "health-poller");
        poller.start();

        // texters: each a new number asking for a person; a failed webhook is retried with the same MessageSid
        List<Thread> texters = new ArrayList<>();
        for (int t = 0; t < TEXTERS; t++) {
            Thread th = new Thread(() -> {
                while (!stop.traffic) {
                    int n = next.getAndIncrement();
                    String from = String.format("+4479113%05d", n);
                    String sid = String.format("SM%032d", 500_000 + n);
                    GatewayProcess g = gateways.get(n % 2);
                    long giveUp = Long.MAX_VALUE;
                    while (true) {
                        Web.Answer r = Web.webhook(g.url(), sid, from, "can i talk to a counsellor");
                        long now = System.nanoTime() - t0;
                        if (r.ok()) {
                            if (r.body().contains(ACK)) {
                                acks.add(new Ack(from, now, g.name()));
                            } else {
                                wrongReply.add(from);
                            }
                            if (now > restartedAt.get()) {
                                firstOkAfter.computeIfAbsent(g.name(), k -> new CopyOnWriteArrayList<>()).add(now);
                            }
                            break;
                        }
                        failures.incrementAndGet();
                        if (stop.traffic && giveUp == Long.MAX_VALUE) {
                            giveUp = System.nanoTime() + 60_000_000_000L;
                        }
                        if (System.nanoTime() > giveUp) {
                            stuck.add(from + " " + r.status());
                            break;
                        }
                        sleep(RETRY_MS);
                    }
                    sleep(20);
                }
            }, "texter-" + t);
            th.start();
            texters.add(th);
        }

        Thread.sleep(BEFORE_MS);
        long killedAt = System.nanoTime() - t0;
        int ackedBeforeKill = acks.size();
        long killedPid = c.redis.pid();
        int status = c.redis.kill9();
        report.check("Redis died of SIGKILL", status == 137, "exit status " + status + " (pid " + killedPid + ")");
        Thread.sleep(DOWN_MS);
        long restarting = System.nanoTime();
        restartedAt.set(restarting - t0);
        c.redis.start(); // same port, same data directory: it replays its append-only file
        long readyAt = System.nanoTime() - t0;
        Thread.sleep(AFTER_MS);
        stop.traffic = true;
        for (Thread th : texters) {
            th.join(90_000);
        }
        Thread.sleep(500);
        stop.healthStop = true;
        poller.join();

        long restartAt = restarting - t0;
        report.figure("traffic: %d texters' escalations over %s, %d concurrent senders, both instances; "
                        + "%d failed webhook attempts retried (same MessageSid)", next.get(),
                Report.seconds(System.nanoTime() - t0), TEXTERS, failures.get());
        long lastSecond = acks.stream().filter(a -> a.at() < killedAt && a.at() >= killedAt - 1_000_000_000L).count();
        report.figure("Redis (pid %d) killed with kill -9 at t=%s, after %d escalations acknowledged (%d in its last "
                        + "second); restarted %s later (pid %d), answering PING %d ms after its start (AOF replayed)",
                killedPid, Report.seconds(killedAt), ackedBeforeKill, lastSecond, Report.seconds(restartAt - killedAt),
                c.redis.pid(), (readyAt - restartAt) / 1_000_000);

        for (int i = 0; i < 2; i++) {
            healthFigures(report, gateways.get(i), health.get(i), killedAt, restartAt,
                    firstOkAfter.getOrDefault(gateways.get(i).name(), List.of()));
        }
        report.check("the same gateway processes answered again (reconnected by themselves)",
                c.a.alive() && c.b.alive() && firstOkAfter.containsKey("A") && firstOkAfter.containsKey("B"),
                "A pid " + c.a.pid() + (c.a.alive() ? " alive" : " DEAD") + ", B pid " + c.b.pid()
                        + (c.b.alive() ? " alive" : " DEAD"));

        // the referee: Redis itself, after the restart
        int lost = 0;
        int lostBeforeKill = 0;
        List<String> lostSample = new ArrayList<>();
        long depth;
        String fsync;
        try (Jedis j = c.redis.jedis()) {
            for (Ack a : acks) {
                String id = c.conversationId(a.from());
                if (j.zscore(LiveQueue.waitingKey(), id) == null || !j.exists(LiveQueue.entryKey(id))) {
                    lost++;
                    if (a.at() < killedAt) {
                        lostBeforeKill++;
                    }
                    if (lostSample.size() < 5) {
                        lostSample.add(String.format("%s via %s acknowledged at t=%s (%d ms before the kill)",
                                id.substring(0, 8), a.instance(), Report.seconds(a.at()),
                                (killedAt - a.at()) / 1_000_000));
                    }
                }
            }
            depth = j.zcard(LiveQueue.waitingKey());
            fsync = j.configGet("appendonly").get("appendonly") + ", appendfsync "
                    + j.configGet("appendfsync").get("appendfsync");
        }
        report.figure("Redis configuration: appendonly %s; HELPLINE_REDIS_WAIT_REPLICAS 0 (no replica)", fsync);
        report.figure("%d escalations acknowledged to texters (%d before the kill), %d in the queue after the "
                + "restart, lost %d", acks.size(), ackedBeforeKill, depth, lost);
        report.check("every acknowledged escalation is still in the queue", lost == 0, lost == 0
                ? acks.size() + "/" + acks.size() + " present"
                : lost + " LOST (" + lostBeforeKill + " acknowledged before the kill): " + lostSample);
        report.check("one queue entry per texter, none extra", depth == acks.size(),
                depth + " entries for " + acks.size() + " acknowledged texters");
        report.check("every texter was eventually answered (retries of the same MessageSid succeed)",
                stuck.isEmpty() && wrongReply.isEmpty(), stuck.size() + " gave up " + stuck.stream().limit(3)
                        .toList() + ", " + wrongReply.size() + " answered without the escalation");
    }

    /** DOWN window and recovery as one instance's /health saw them; checks 503 during and 200 after. */
    private static void healthFigures(Report report, GatewayProcess g, List<Sample> samples, long killedAt,
                                      long restartAt, List<Long> okAfterRestart) {
        // a request counts for the outage only if it was sent after the kill and answered before the restart
        long firstDown = samples.stream().filter(s -> s.start() >= killedAt && s.status() != 200)
                .mapToLong(Sample::end).min().orElse(-1);
        long firstUp = samples.stream().filter(s -> s.start() > restartAt && s.status() == 200)
                .mapToLong(Sample::end).min().orElse(-1);
        long lastDown = samples.stream().filter(s -> s.status() != 200).mapToLong(Sample::end).max().orElse(-1);
        List<Sample> during = samples.stream().filter(s -> s.start() >= killedAt && s.end() < restartAt).toList();
        long downSamples = during.size();
        long downAs503 = during.stream().filter(s -> s.status() == 503).count();
        long firstWebhook = okAfterRestart.stream().mapToLong(Long::longValue).min().orElse(-1);
        report.figure("gateway %s: /health DOWN (503) for %s: first 503 %d ms after the kill, 200 again %d ms after "
                        + "Redis was restarted (last non-200 at t=%s); first webhook answered 200 %d ms after the "
                        + "restart", g.name(), firstDown < 0 || firstUp < 0 ? "?" : Report.seconds(firstUp - firstDown),
                (firstDown - killedAt) / 1_000_000, (firstUp - restartAt) / 1_000_000, Report.seconds(lastDown),
                firstWebhook < 0 ? -1 : (firstWebhook - restartAt) / 1_000_000);
        report.check("gateway " + g.name() + ": /health 503 while Redis was down", downSamples > 0
                && downAs503 == downSamples, downAs503 + "/" + downSamples + " samples were 503");
        report.check("gateway " + g.name() + ": /health 200 again after the restart", firstUp > 0
                && samples.stream().filter(s -> s.start() > firstUp).allMatch(s -> s.status() == 200),
                firstUp < 0 ? "never UP" : "UP from t=" + Report.seconds(firstUp) + " and stayed UP");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop flags shared with the traffic and health threads. */
    private static final class Flags {
        volatile boolean traffic;
        volatile boolean healthStop;
    }
}
