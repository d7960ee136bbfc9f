package org.helpline.gateway.support;

import java.util.HashMap;
import java.util.Map;

/** The settings a Micronaut test of the service starts from (its {@code getProperties()}). */
public final class TestProperties {
    private TestProperties() {
    }

    /**
     * This test JVM's Redis ({@link TestRedis}) and a key file of the test's own
     * ({@code <tmp>/<name>-keys-<pid>.properties}), plus {@code pairs}: setting, value, setting, value...
     */
    public static Map<String, String> of(String name, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in pairs: " + pairs.length + " strings given");
        }
        Map<String, String> p = new HashMap<>();
        p.put("redis.url", TestRedis.url());
        p.put("helpline.privacy.local-key-file", System.getProperty("java.io.tmpdir") + "/" + name + "-keys-"
                + ProcessHandle.current().pid() + ".properties");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
