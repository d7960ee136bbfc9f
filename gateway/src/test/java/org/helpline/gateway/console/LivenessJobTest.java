package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.cases.CaseRecord;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.cases.Outcome;
import org.helpline.gateway.queue.WithdrawWaitingScript;
import org.helpline.gateway.conversation.CounsellorJoined;
import org.helpline.gateway.queue.TransferScript;
import org.helpline.gateway.conversation.WaitingEnded;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.Job;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.LivenessChecks;
import org.helpline.gateway.support.ShiftedClock;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The liveness job with real Redis, signed webhooks, the Twilio stand-in (the real SDK's requests) and a clock the
 * test moves: a held conversation whose counsellor is silent for the limit is alerted once per silence (a reply
 * starts a new one); a waiting IMMINENT or HIGH conversation past its tier's target is alerted once, LOW never; a
 * waiting conversation whose young person has been silent for the abandonment time ends, and they are told with
 * their own country's numbers and a way back (never another country's; nothing to one it is not safe to text); a
 * counsellor whose desk stops beating goes offline and is offered nothing. The job runs through its cluster lease.
 * Each ended wait is one report record for the supervisors' reports, even with two instances running the job at
 * once.
 */
class LivenessJobTest {
    final ShiftedClock clock = new ShiftedClock(Instant.parse("2026-06-01T12:00:00Z"));
    TwilioStandIn twilio;
    ApplicationContext context;
    EmbeddedServer server;
    LiveQueue queue;
    Counsellors counsellors;
    int number;
    HttpServer oncall;
    final List<String> oncallBodies = new CopyOnWriteArrayList<>();
    Map<String, Object> props;
    final List<String> oncallSignatures = new CopyOnWriteArrayList<>();
    static final String ONCALL_SECRET = "liveness-oncall-secret-0123456789abcdef";

    @BeforeEach
    void start() throws IOException {
        TestRedis.flush();
        twilio = new TwilioStandIn();
        Map<String, Object> p = new HashMap<>(TestProperties.signedTwilio("liveness", twilio));
        props = p;
        p.put("helpline.privacy.local-key-file",
                Files.createTempDirectory("liveness").resolve("keys.properties").toString());
        p.put("micronaut.server.port", -1);
        p.put("helpline.queue.jobs.enabled", "false");     // the test runs the job itself
        p.put("helpline.queue.lease", "1h");               // no lease lapses while the clock is moved
        p.put("helpline.liveness.counsellor-silence", "5m");
        p.put("helpline.liveness.target-wait-imminent", "2m");
        p.put("helpline.liveness.target-wait-high", "10m");
        p.put("helpline.liveness.abandon-after", "3h");
        p.put("helpline.liveness.presence-lapse", "60s");
        p.put("helpline.liveness.supervisor-after", "3m");
        p.put("helpline.liveness.return-after", "4m");
        oncallBodies.clear();
        oncallSignatures.clear();
        oncall = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        oncall.createContext("/oncall", x -> {
            oncallSignatures.add(x.getRequestHeaders().getFirst(OnCallWebhook.TIMESTAMP) + " "
                    + x.getRequestHeaders().getFirst(OnCallWebhook.SIGNATURE));
            oncallBodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        oncall.start();
        p.put("helpline.liveness.oncall-secret", ONCALL_SECRET);
        p.put("helpline.liveness.oncall-url", "http://127.0.0.1:" + oncall.getAddress().getPort() + "/oncall");
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        server = context.getBean(EmbeddedServer.class).start();
        queue = context.getBean(LiveQueue.class);
        counsellors = context.getBean(Counsellors.class);
        counsellors.register("ana", 5, List.of("en"));
        counsellors.presence("ana", "available");
    }

    @AfterEach
    void stop() {
        oncall.stop(0);
        context.close();
        twilio.close();
    }

    private SignedTexter texter(String from, String... messages) {
        SignedTexter t = new SignedTexter(server.getURL().toString(), TestProperties.TOKEN, TestProperties.PUBLIC,
                from);
        for (String m : messages) {
            t.says(m);
        }
        return t;
    }

    private SignedTexter waiting() {
        SignedTexter t = texter(String.format("+4477009%05d", ++number), "hi", "yes");
        assertTrue(t.says("can i talk to a counsellor").contains("in line"));
        return t;
    }

    private String id(SignedTexter t) {
        return context.getBean(Pseudonymiser.class).pseudonym(t.from);
    }

    private List<String> toldTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).map(TwilioStandIn.Created::body)
                .toList();
    }

    private LivenessJob.Run runJob() {
        AtomicReference<LivenessJob.Run> run = new AtomicReference<>();
        LivenessJob job = context.getBean(LivenessJob.class);
        assertTrue(context.getBean(ClusterJobs.class).run(Job.LIVENESS, l -> run.set(job.run(l))),
                "the only instance holds the job's lease");
        return run.get();
    }

    @Test
    void aSilentCounsellorIsAlertedOncePerSilenceAndAReplyStartsANewOne() {
        SignedTexter t = waiting();
        assertEquals(id(t), queue.claim("ana").orElseThrow());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(List.of(), runJob().silent(), "under the limit");

        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        List<LivenessChecks.Silent> silent = runJob().silent();
        assertEquals(1, silent.size());
        assertEquals(id(t), silent.get(0).conversation());
        assertEquals("ana", silent.get(0).counsellor());
        assertTrue(silent.get(0).silentFor().compareTo(Duration.ofMinutes(5)) >= 0);
        assertEquals(List.of(), runJob().silent(), "the same silence is alerted once");

        context.getBean(LivenessChecks.class).noteReply(id(t));      // what the console's reply does
        clock.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), runJob().silent(), "a reply starts a new silence");
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        assertEquals(1, runJob().silent().size(), "the new silence is alerted too");
    }

    @Test
    void aWaitingImminentOrHighConversationPastItsTargetIsAlertedOnceAndLowNever() {
        SignedTexter low = waiting();
        SignedTexter imminent = texter("+447700900801", "hi", "yes");
        imminent.says("i took the pills");
        assertEquals("IMMINENT", queue.entry(id(imminent)).orElseThrow().tierName());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), runJob().overdue());
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        List<LivenessChecks.Overdue> overdue = runJob().overdue();
        assertEquals(1, overdue.size(), overdue.toString());
        assertEquals(id(imminent), overdue.get(0).conversation());
        assertEquals(RiskTier.IMMINENT, overdue.get(0).tier());
        assertEquals(Duration.ofMinutes(2), overdue.get(0).target());

        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(), runJob().overdue(), "once, and never for LOW: " + id(low).substring(0, 8));
    }

    @Test
    void anAbandonedWaitingConversationEndsAndTheYoungPersonIsToldTheirOwnCountrysNumbers() {
        SignedTexter uk = texter("+447400123456", "hi", "yes", "can i talk to a counsellor"); // a number of GB's
        SignedTexter brazil = texter("+5511987654321", "hi", "yes", "can i talk to a counsellor");
        SignedTexter notSafe = waiting();
        notSafe.says("is it safe for you to text me back? my mum checks my phone");
        SignedTexter writing = waiting();
        int before = twilio.created().size();

        clock.advance(Duration.ofHours(2));
        writing.says("are you still there?");            // still writing: not abandoned
        clock.advance(Duration.ofHours(1).plusSeconds(5));
        LivenessJob.Run run = runJob();
        assertEquals(3, run.ended().size(), run.ended().toString());
        assertEquals(-1, queue.position(id(uk)));
        assertTrue(queue.position(id(writing)) >= 0, "the one still writing keeps their place");

        String toUk = toldTo(uk).get(toldTo(uk).size() - 1);
        assertTrue(toUk.startsWith("We're sorry: no counsellor has been able to answer you"), toUk);
        assertTrue(toUk.contains("text COUNSELLOR"), toUk);
        assertTrue(toUk.contains("call 999") && toUk.contains("0800 1111"), toUk);
        String toBrazil = toldTo(brazil).get(toldTo(brazil).size() - 1);
        assertTrue(toBrazil.contains("190 / 192") && toBrazil.contains("188 / 100"), toBrazil);
        assertFalse(toBrazil.contains("999") || toBrazil.contains("0800 1111"), "never another country's: " + toBrazil);
        assertEquals(List.of(), toldTo(notSafe), "nothing unprompted to a young person it is not safe to text");
        assertTrue(run.ended().stream().anyMatch(e -> e.conversation().equals(id(notSafe))
                && e.told() == WaitingEnded.Told.NOT_SAFE_TO_TEXT));
        assertEquals(before + 2, twilio.created().size());
        assertEquals(List.of(), runJob().ended(), "ended once");
        assertEndedWaitRecords(3, uk, brazil, notSafe);

        // the way back works: the bot has the conversation again, and COUNSELLOR puts them back in line
        assertTrue(uk.says("COUNSELLOR").contains("in line"));
        assertTrue(queue.position(id(uk)) >= 0);
    }

    /** One report record per ended wait: no counsellor, no categories, its tier and arrival, nothing of theirs. */
    private void assertEndedWaitRecords(int expected, SignedTexter... ended) {
        List<CaseRecord> records = context.getBean(CaseRecords.class).since(0);
        assertEquals(expected, records.size(), records.toString());
        for (CaseRecord r : records) {
            assertEquals(Outcome.ENDED_WAITING, r.outcome());
            assertTrue(r.notAnswered() && r.counsellor() == null && r.categories().isEmpty(), r.toString());
            assertTrue(r.arrivedAt() != null && r.closedAt() - r.arrivedAt() >= Duration.ofHours(3).toMillis(),
                    "waited the abandonment time at least: " + r);
        }
        String raw = String.join("\n", TestRedis.client().lrange(CaseRecords.recordsKey(), 0, -1));
        for (SignedTexter t : ended) {
            assertFalse(raw.contains(t.from.substring(1)) || raw.contains(id(t)), "no number, no pseudonym: " + raw);
        }
        assertFalse(raw.contains("\"counsellor\":\"") || raw.contains("mum") || raw.contains("talk to"),
                "no counsellor, no text: " + raw);
    }

    @Test
    void anEndedWaitIsOneReportRecordEvenWhenTwoInstancesRunTheJobAtOnceAndAStopAfterItAddsNone()
            throws Exception {
        List<SignedTexter> line = List.of(waiting(), waiting(), waiting());
        clock.advance(Duration.ofHours(3).plusSeconds(5));
        try (ApplicationContext other = ApplicationContext.builder().properties(props).singletons(clock).start()) {
            LivenessJob mine = context.getBean(LivenessJob.class);
            LivenessJob theirs = other.getBean(LivenessJob.class);
            // both at once, each as if it held the job's lease (the lease keeps this from happening): the
            // end-waiting script alone decides who ends each wait, and only that one writes its record
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                Future<LivenessJob.Run> a = two.submit(() -> {
                    go.await();
                    return mine.run(() -> true);
                });
                Future<LivenessJob.Run> b = two.submit(() -> {
                    go.await();
                    return theirs.run(() -> true);
                });
                go.countDown();
                assertEquals(3, a.get(30, TimeUnit.SECONDS).ended().size()
                        + b.get(30, TimeUnit.SECONDS).ended().size(), "each wait ended by one of them");
            } finally {
                two.shutdownNow();
            }
        }
        assertEndedWaitRecords(3, line.toArray(new SignedTexter[0]));
        for (SignedTexter t : line) {
            assertEquals(1, toldTo(t).stream().filter(m -> m.startsWith("We're sorry")).count(), "told once");
        }
        // the young person opts out after their wait ended: it has its record already
        SignedTexter first = line.get(0);
        assertEquals(WithdrawWaitingScript.Outcome.CLOSED, queue.withdrawOptedOut(id(first)).outcome(),
                "an ended wait is not withdrawn again");
        first.says("STOP");
        assertEquals(3, context.getBean(CaseRecords.class).since(0).size(), "no second record for the wait");
    }

    @Test
    void aCounsellorWhoseDeskStopsBeatingGoesOfflineAndIsOfferedNothing() {
        waiting();
        counsellors.register("ben", 2, List.of("en"));
        counsellors.presence("ben", "available");
        queue.renew("ana");                               // ana's desk beats once, then stops
        clock.advance(Duration.ofSeconds(30));
        queue.renew("ben");                               // ben's goes on beating
        clock.advance(Duration.ofSeconds(35));
        queue.renew("ben");
        List<LivenessChecks.Lapsed> lapsed = runJob().lapsed();
        assertEquals(List.of("ana"), lapsed.stream().map(LivenessChecks.Lapsed::counsellor).toList());
        assertEquals("offline", counsellors.status("ana").presence());
        assertEquals("available", counsellors.status("ben").presence());
        assertTrue(queue.claim("ana").isEmpty(), "an offline counsellor is offered nothing");
        assertTrue(queue.claim("ben").isPresent());
        assertEquals(List.of(), runJob().lapsed(), "once");
    }

    private void awaitOncall(int count) {
        long until = System.currentTimeMillis() + 5000;
        while (oncallBodies.size() < count && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
        assertEquals(count, oncallBodies.size(), oncallBodies.toString());
    }

    @Test
    void aSilentHeldConversationAlertsTheDeskThenSupervisorsThenGoesBackToItsOriginalPlace() {
        SignedTexter first = waiting();
        clock.advance(Duration.ofMinutes(1));
        SignedTexter later = waiting();
        assertEquals(id(first), queue.claim("ana").orElseThrow());

        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        LivenessJob.Run run = runJob();
        assertEquals(List.of(id(first)), run.silent().stream().map(LivenessChecks.Silent::conversation).toList());
        assertEquals(List.of(), run.escalated(), "the desk first, not the supervisors");

        clock.advance(Duration.ofMinutes(2));
        run = runJob();
        assertEquals(List.of(), run.silent());
        assertEquals(List.of(), run.escalated(), "the supervisors' step comes supervisor-after the desk's");

        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        run = runJob();
        assertEquals(List.of(id(first)), run.escalated().stream().map(LivenessChecks.Silent::conversation).toList());
        assertEquals(List.of(), run.returned());
        awaitOncall(1);
        String body = oncallBodies.get(0);
        assertTrue(body.contains("\"kind\":\"SILENCE_ESCALATED\"") && body.contains(id(first))
                && body.contains("\"tier\":\"LOW\""), body);
        assertFalse(body.contains(first.from.substring(1)) || body.contains("ana") || body.contains("counsellor\""),
                "no number nor name on the on-call webhook: " + body);

        clock.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), runJob().returned(), "return-after the supervisors' step, not sooner");
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        run = runJob();
        assertEquals(1, run.returned().size(), run.toString());
        assertEquals(CounsellorJoined.Told.SENT, run.returned().get(0).told());
        assertEquals("waiting", queue.entry(id(first)).orElseThrow().state());
        assertEquals(List.of(), queue.heldBy("ana"), "ana's hold is released");
        assertEquals(0, queue.position(id(first)), "back at its original place: ahead of the later arrival");
        assertEquals(1, queue.position(id(later)));
        String told = toldTo(first).get(toldTo(first).size() - 1);
        assertTrue(told.contains("back in line") && told.contains("number 1"), told);
        assertTrue(context.getBean(AuditLog.class).latest(20).stream()
                .anyMatch(e -> e.action().startsWith("returned-silent:ana") && e.conversation().equals(id(first))));
        assertEquals(List.of(), runJob().returned(), "once");

        counsellors.register("ben", 2, List.of("en"));
        counsellors.presence("ben", "available");
        assertEquals(id(first), queue.claim("ben").orElseThrow(), "a colleague is offered it first");
    }

    @Test
    void aReplyStartsTheStepsAgainAndAReplyRacingTheReturnKeepsTheConversation() {
        SignedTexter t = waiting();
        assertEquals(id(t), queue.claim("ana").orElseThrow());
        LivenessChecks checks = context.getBean(LivenessChecks.class);
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        assertEquals(1, runJob().silent().size());
        checks.noteReply(id(t));
        clock.advance(Duration.ofMinutes(4));
        LivenessJob.Run run = runJob();
        assertEquals(List.of(), run.escalated(), "a reply after the desk's alert: a new silence, from the start");
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        assertEquals(1, runJob().silent().size());
        clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        assertEquals(1, runJob().escalated().size());
        clock.advance(Duration.ofMinutes(4).plusSeconds(5));

        List<LivenessChecks.Silent> due = checks.newlySilent();         // the job's check ...
        assertEquals(LivenessChecks.SilenceStep.RETURN, due.get(0).step());
        clock.advance(Duration.ofSeconds(1));
        checks.noteReply(id(t));                                         // ... a reply lands ...
        assertEquals(TransferScript.Outcome.REPLIED, checks.returnSilent(due.get(0)));   // ... and wins
        assertEquals("ana", queue.entry(id(t)).orElseThrow().counsellor());
    }

    @Test
    void aYoungPersonItIsNotSafeToTextIsToldNothingWhenTheirConversationGoesBack() {
        SignedTexter notSafe = waiting();
        notSafe.says("is it safe for you to text me back? my mum checks my phone");
        assertEquals(id(notSafe), queue.claim("ana").orElseThrow());
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        runJob();
        clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        runJob();
        clock.advance(Duration.ofMinutes(4).plusSeconds(5));
        LivenessJob.Run run = runJob();
        assertEquals(1, run.returned().size());
        assertEquals(CounsellorJoined.Told.NOT_SAFE_TO_TEXT, run.returned().get(0).told());
        assertEquals(List.of(), toldTo(notSafe), "nothing unprompted to a young person it is not safe to text");
        assertEquals(0, queue.position(id(notSafe)));
    }

    @Test
    void aWaitPastTargetCallsTheOnCallWebhook() {
        SignedTexter imminent = texter("+447700900802", "hi", "yes");
        imminent.says("i took the pills");
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        assertEquals(1, runJob().overdue().size());
        awaitOncall(1);
        String body = oncallBodies.get(0);
        assertTrue(body.contains("\"kind\":\"WAIT_OVER_TARGET\"") && body.contains("\"tier\":\"IMMINENT\"")
                && body.contains(id(imminent)) && body.contains("\"seconds\":125"), body);
        assertFalse(body.contains("447700900802") || body.contains("pills"), body);
        String[] signed = oncallSignatures.get(0).split(" ");
        assertEquals("sha256=" + OnCallWebhook.signature(ONCALL_SECRET, signed[0],
                body.getBytes(StandardCharsets.UTF_8)), signed[1], "signed with the configured secret");
    }
}
