package org.helpline.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.redis.EmbeddedRedis;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * A real 3-master Redis Cluster on loopback, made of the redis-server binary embedded-redis ships (started in
 * cluster mode), joined with CLUSTER MEET and given the 16,384 slots in three ranges.
 */
public final class TestRedisCluster implements AutoCloseable {
    private final List<RedisServer> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    public TestRedisCluster() {
        try {
            Path dir = Files.createTempDirectory("helpline-cluster");
            for (int i = 0; i < 3; i++) {
                int port = EmbeddedRedis.freePort();
                Path nodeDir = Files.createDirectories(dir.resolve("n" + port));
                RedisServer s = RedisServer.builder().port(port).bind("127.0.0.1")
                        .setting("dir " + nodeDir.toAbsolutePath())
                        .setting("cluster-enabled yes")
                        .setting("cluster-config-file nodes.conf")
                        .setting("cluster-node-timeout 3000")
                        .setting("appendonly no")
                        .setting("save \"\"")
                        .build();
                s.start();
                servers.add(s);
                ports.add(port);
            }
            int[][] ranges = {{0, 5460}, {5461, 10922}, {10923, 16383}};
            for (int i = 0; i < 3; i++) {
                try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
                    node.clusterAddSlotsRange(ranges[i][0], ranges[i][1]);
                    if (i > 0) {
                        node.clusterMeet("127.0.0.1", ports.get(0));
                    }
                }
            }
            long end = System.nanoTime() + 30_000_000_000L;
            while (!allOk()) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("the test cluster did not reach cluster_state:ok");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean allOk() {
        for (int port : ports) {
            try (Jedis node = new Jedis("127.0.0.1", port)) {
                String info = node.clusterInfo();
                if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:3")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code host:port,host:port,host:port}, for {@code redis.cluster-nodes}. */
    public String nodes() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    @Override
    public void close() {
        for (RedisServer s : servers) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }
}
