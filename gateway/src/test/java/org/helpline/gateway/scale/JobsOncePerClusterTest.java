package org.helpline.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.Job;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances on one Redis, every job scheduled on both every 300 ms: each job is run by one instance at a
 * time (its runs are never closer together than a period, whichever instance ran them, and the supervisor's chart
 * gets one sample a period, not two), a young person whose place improved is told once, not once per instance; when
 * the instance running the jobs stops, the other takes them over.
 */
class JobsOncePerClusterTest {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";
    static final Duration PERIOD = Duration.ofMillis(300);

    @Test
    void eachJobRunsOncePerPeriodAcrossTwoInstancesAndMovesWhenItsInstanceStops() throws Exception {
        TestRedis.flush();
        try (TwilioStandIn twilio = new TwilioStandIn()) {
            Map<String, Object> p = new HashMap<>();
            p.put("redis.url", TestRedis.url());
            p.put("helpline.privacy.local-key-file",
                    Files.createTempDirectory("jobs-keys").resolve("k.properties").toString());
            p.put("micronaut.server.port", -1);
            p.put("twilio.account-sid", "AC00000000000000000000000000000000");
            p.put("twilio.auth-token", TOKEN);
            p.put("twilio.from", "+447700900999");
            p.put("twilio.api-base-url", twilio.baseUrl());
            p.put("helpline.public-url", PUBLIC);
            p.put("helpline.campaigns.enabled", "false");
            p.put("helpline.jobs.history-first", PERIOD.toMillis() + "ms"); // (5 s by default)
            p.put("helpline.jobs.reports-retention-first", PERIOD.toMillis() + "ms"); // (1 min by default)
            for (Job job : Job.values()) {
                p.put("helpline.jobs." + job.key().replace("sample-", ""), PERIOD.toMillis() + "ms");
            }
            ApplicationContext a = ApplicationContext.run(p);
            try (ApplicationContext b = ApplicationContext.run(p)) {
                EmbeddedServer server = a.getBean(EmbeddedServer.class).start();
                // four young people waiting; three are taken, so the last one's place improves by three
                List<SignedTexter> line = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    SignedTexter t = new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC,
                            String.format("+4477007%05d", i));
                    t.says("hi");
                    t.says("yes");
                    assertTrue(t.says("can i talk to a counsellor").contains("in line"));
                    line.add(t);
                }
                Counsellors counsellors = b.getBean(Counsellors.class);
                counsellors.register("ana", 3, List.of("en"));
                counsellors.presence("ana", "available");
                LiveQueue queue = b.getBean(LiveQueue.class);
                for (int i = 0; i < 3; i++) {
                    assertTrue(queue.claim("ana").isPresent());
                }
                long samplesBefore = TestRedis.client().llen(LiveQueue.historyKey());
                Thread.sleep(PERIOD.multipliedBy(12).toMillis());

                for (Job job : Job.values()) {
                    ClusterJobs.Runs ra = a.getBean(ClusterJobs.class).runs(job);
                    ClusterJobs.Runs rb = b.getBean(ClusterJobs.class).runs(job);
                    assertTrue(ra.count() + rb.count() >= 3, job + " ran: " + ra.count() + " + " + rb.count());
                    assertTrue(ra.count() == 0 || rb.count() == 0,
                            job + " ran on one instance only: " + ra.count() + " + " + rb.count());
                    List<Instant> runs = new ArrayList<>(ra.recent());
                    runs.addAll(rb.recent());
                    runs.sort(null);
                    for (int i = 1; i < runs.size(); i++) {
                        Duration gap = Duration.between(runs.get(i - 1), runs.get(i));
                        assertTrue(gap.compareTo(PERIOD.multipliedBy(9).dividedBy(10)) >= 0,
                                job + ": two runs " + gap.toMillis() + " ms apart");
                    }
                }
                List<String> samples = TestRedis.client().lrange(LiveQueue.historyKey(), samplesBefore, -1);
                for (int i = 1; i < samples.size(); i++) {
                    long gap = at(samples.get(i)) - at(samples.get(i - 1));
                    assertTrue(gap >= PERIOD.toMillis() * 9 / 10, "chart points " + gap + " ms apart");
                }
                SignedTexter last = line.get(3);
                assertEquals(1, twilio.created().stream().filter(c -> last.from.equals(c.to())).count(),
                        "told their better place once, not once per instance");

                // the instance running the jobs stops: the other takes every job over
                ApplicationContext runner = a.getBean(ClusterJobs.class).runs(Job.EXPIRE_LEASES).count() > 0 ? a : b;
                ApplicationContext survivor = runner == a ? b : a;
                long before = survivor.getBean(ClusterJobs.class).runs(Job.EXPIRE_LEASES).count();
                runner.close();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (survivor.getBean(ClusterJobs.class).runs(Job.EXPIRE_LEASES).count() == before
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(survivor.getBean(ClusterJobs.class).runs(Job.EXPIRE_LEASES).count() > before,
                        "the surviving instance took the job over");
            } finally {
                if (a.isRunning()) {
                    a.close();
                }
            }
        }
    }

    private static long at(String sample) {
        return Long.parseLong(sample.substring(0, sample.indexOf(',')));
    }
}
