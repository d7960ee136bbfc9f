package org.helpline.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the container files promise, read from the files themselves: the image runs as a non-root user with a health
 * check and one data volume; each compose file's gateways have a read-only root filesystem and a data volume, take
 * every secret from a variable (required, no default), and the Redis servers keep the append-only file on; every
 * variable is in ops/env.example or the README's configuration table.
 */
class OpsFilesTest {
    static final Path OPS = Path.of("../ops");
    /** Settings that are not secrets and may be written into a compose file. */
    static final Set<String> FIXED = Set.of("REDIS_SENTINEL_MASTER", "REDIS_SENTINELS", "HELPLINE_REDIS_WAIT_REPLICAS");
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[?-])?([^}]*)}");

    @Test
    void theImageRunsAsANonRootUserWithAHealthCheckAndOneDataVolume() throws IOException {
        String file = Files.readString(OPS.resolve("Containerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(file);
        assertTrue(user.find(), "a USER line");
        assertTrue(!user.group(1).startsWith("root") && !user.group(1).startsWith("0"), user.group(1));
        assertTrue(file.contains("\nHEALTHCHECK "), "a health check");
        assertTrue(file.contains("/health"), "on /health");
        assertTrue(file.contains("\nVOLUME /data\n"), "one data volume");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"compose.yml", "compose.sentinel.yml"})
    void gatewaysAreReadOnlyTakeEverySecretFromAVariableAndRedisKeepsItsAppendOnlyFile(String name)
            throws IOException {
        String text = Files.readString(OPS.resolve(name));
        Map<String, Object> compose = new Yaml().load(text);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        int gateways = 0;
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            Map<String, Object> service = s.getValue();
            String image = String.valueOf(service.get("image"));
            if (image.contains("helpline-gateway")) {
                gateways++;
                assertEquals(Boolean.TRUE, service.get("read_only"), s.getKey() + ": read-only root filesystem");
                assertTrue(String.valueOf(service.get("volumes")).contains(":/data"), s.getKey() + ": data volume");
                Map<String, Object> env = (Map<String, Object>) service.get("environment");
                for (Map.Entry<String, Object> e : env.entrySet()) {
                    String value = String.valueOf(e.getValue());
                    if (FIXED.contains(e.getKey())) {
                        continue;
                    }
                    assertTrue(REFERENCE.matcher(value).find(), s.getKey() + " " + e.getKey() + " is not a variable");
                }
                for (String secret : List.of("TWILIO_AUTH_TOKEN", "HELPLINE_JWT_SECRET",
                        "HELPLINE_PRIVACY_MESSAGE_KEYS_K1", "HELPLINE_PRIVACY_PSEUDONYM_KEY", "HELPLINE_METRICS_TOKEN")) {
                    assertTrue(String.valueOf(env.get(secret)).startsWith("${" + secret + ":?"),
                            s.getKey() + ": " + secret + " must be required, with no default");
                }
                assertTrue(String.valueOf(env.get("REDIS_URL")).contains("${REDIS_PASSWORD:?"), "the Redis password");
            } else if (image.contains("redis") && String.valueOf(service.get("command")).contains("redis-server")) {
                assertTrue(String.valueOf(service.get("command")).contains("--appendonly yes"),
                        s.getKey() + ": append-only file on");
            }
        }
        assertEquals(2, gateways, "two gateway instances");
        Matcher m = REFERENCE.matcher(text);
        List<String> secretsWithDefaults = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).matches(".*(PASSWORD|TOKEN|SECRET|_KEY|KEYS_.*)") && !":?".equals(m.group(2))) {
                secretsWithDefaults.add(m.group());
            }
        }
        assertEquals(List.of(), secretsWithDefaults, "a secret with a default or optional");
    }

    @Test
    void everyVariableIsDocumented() throws IOException {
        String documented = Files.readString(OPS.resolve("env.example")) + Files.readString(Path.of("../README.md"));
        Set<String> missing = new TreeSet<>();
        for (String name : List.of("compose.yml", "compose.sentinel.yml")) {
            Matcher m = REFERENCE.matcher(Files.readString(OPS.resolve(name)));
            while (m.find()) {
                if (!documented.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertEquals(Set.of(), missing, "variables neither in ops/env.example nor in the README");
    }
}
