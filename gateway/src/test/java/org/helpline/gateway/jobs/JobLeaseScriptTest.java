package org.helpline.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.helpline.gateway.jobs.JobLeaseScript.Outcome;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** {@code lua/job_lease.lua} against a real Redis: one owner at a time, renewed and released only by its owner. */
class JobLeaseScriptTest {
    final UnifiedJedis redis = TestRedis.client();
    final JobLeaseScript script = new JobLeaseScript(redis);

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    @Test
    void theFirstInstanceTakesItAndTheOtherIsRefusedUntilItIsReleased() {
        assertEquals(Outcome.ACQUIRED, script.hold(Job.POSITION_UPDATES, "i-a", 10_000));
        assertEquals(Outcome.TAKEN, script.hold(Job.POSITION_UPDATES, "i-b", 10_000));
        assertEquals(Outcome.RENEWED, script.hold(Job.POSITION_UPDATES, "i-a", 10_000));
        assertEquals("i-a", redis.get(ClusterJobs.leaseKey(Job.POSITION_UPDATES)));

        assertEquals(Outcome.NOT_OWNER, script.release(Job.POSITION_UPDATES, "i-b"), "only the owner gives it up");
        assertEquals(Outcome.TAKEN, script.hold(Job.POSITION_UPDATES, "i-b", 10_000));
        assertEquals(Outcome.RELEASED, script.release(Job.POSITION_UPDATES, "i-a"));
        assertEquals(Outcome.ACQUIRED, script.hold(Job.POSITION_UPDATES, "i-b", 10_000));
    }

    @Test
    void eachJobHasItsOwnLease() {
        assertEquals(Outcome.ACQUIRED, script.hold(Job.EXPIRE_LEASES, "i-a", 10_000));
        assertEquals(Outcome.ACQUIRED, script.hold(Job.SAMPLE_HISTORY, "i-b", 10_000));
        assertEquals(Outcome.TAKEN, script.hold(Job.SAMPLE_HISTORY, "i-a", 10_000));
    }

    @Test
    void renewingPushesTheExpiryOutAndAnExpiredLeaseGoesToWhoeverAsksNext() throws InterruptedException {
        assertEquals(Outcome.ACQUIRED, script.hold(Job.SAMPLE_HISTORY, "i-a", 60_000));
        assertEquals(Outcome.RENEWED, script.hold(Job.SAMPLE_HISTORY, "i-a", 200));
        long ttl = redis.pttl(ClusterJobs.leaseKey(Job.SAMPLE_HISTORY));
        assertEquals(true, ttl > 0 && ttl <= 200, "renewed for the length asked: " + ttl);
        Thread.sleep(300);                                   // i-a stopped renewing (it died)
        assertEquals(Outcome.ACQUIRED, script.hold(Job.SAMPLE_HISTORY, "i-b", 10_000));
        assertEquals(Outcome.TAKEN, script.hold(Job.SAMPLE_HISTORY, "i-a", 10_000), "a late owner does not run it");
    }
}
