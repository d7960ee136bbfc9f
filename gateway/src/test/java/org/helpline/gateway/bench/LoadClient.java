package org.helpline.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import org.HdrHistogram.Histogram;

/**
 * The load generator's HTTP client: one Netty event loop thread (epoll where it loads), HTTP/1.1 keep-alive
 * connections (one request in flight on each, as Twilio sends them), requests written as prepared bytes. All state
 * lives on the event loop.
 * <ul>
 *   <li><b>open loop</b>: request {@code i} is due at {@code t0 + i / rate}; its latency runs from that intended time,
 *       so a stalled server is charged for every request it delays (no coordinated omission). When every connection is
 *       busy and the pool is full, due requests wait in a backlog, still on the clock;</li>
 *   <li><b>closed loop</b>: {@code c} connections, each sends its next request as soon as the previous one is
 *       answered; latency from the write.</li>
 * </ul>
 */
final class LoadClient implements AutoCloseable {
    /** What one phase measured. Latencies in microseconds. */
    record Result(String mode, double offered, long sent, long ok, Map<Integer, Long> statuses, long timeouts,
                  long connectionErrors, long slowDownReplies, double seconds, Histogram latencyMicros,
                  int connections, Histogram sendLagMicros, long[] windowMaxMicros) {
        long errors() {
            return sent - ok;
        }

        double throughput() {
            return ok / seconds;
        }
    }

    /** Connections open when an open-loop phase starts (see {@code startOpen}). */
    static final int WARM_CONNECTIONS = 64;
    private static final byte[] SLOW_DOWN = "sending a lot of messages".getBytes(StandardCharsets.UTF_8);
    /** epoll where Netty's native transport loads (as in the gateway and the baseline), NIO elsewhere. */
    private static final boolean EPOLL = Epoll.isAvailable();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EPOLL ? EpollIoHandler.newFactory()
            : NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final String host;
    private final int port;
    private final long timeoutNanos;

    LoadClient(String host, int port, long timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Sends {@code requests} at {@code rate} per second; {@code onSend} sees each request with its clock start. */
    Result openLoop(List<LoadMix.Request> requests, double rate, int maxConnections,
                    ObjLongConsumer<LoadMix.Request> onSend) {
        Phase p = new Phase("open", rate, requests, maxConnections, onSend);
        loop.execute(p::startOpen);
        return p.done.join();
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds} (or until {@code requests} run out). */
    Result closedLoop(List<LoadMix.Request> requests, int concurrency, double seconds, boolean cycle,
                      ObjLongConsumer<LoadMix.Request> onSend) {
        Phase p = new Phase("closed", concurrency, requests, concurrency, onSend);
        p.cycle = cycle;
        p.endNanos = System.nanoTime() + (long) (seconds * 1e9);
        loop.execute(p::startClosed);
        return p.done.join();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Phase {
        final String mode;
        final double offered;
        final List<LoadMix.Request> requests;
        final int maxConnections;
        final ObjLongConsumer<LoadMix.Request> onSend;
        final CompletableFuture<Result> done = new CompletableFuture<>();
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        /** Open loop: how late each request left against its intended time (the generator's own lag + backlog). */
        final Histogram lag = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        /** The slowest answer per {@link LoadStalls#WINDOW_MILLIS} of (intended) send time from {@code t0}. */
        long[] windows = new long[256];
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<long[]> backlog = new ArrayDeque<>();      // {index, clockStart}
        final List<Conn> all = new ArrayList<>();
        final Map<Integer, Long> statuses = new TreeMap<>();
        boolean cycle;
        long endNanos;
        long t0;
        long periodNanos;
        int next;
        int opened;
        long sent;
        long finished;
        long ok;
        long timeouts;
        long connectionErrors;
        long slowDown;
        long lastFinish;
        boolean stopped;
        ScheduledFuture<?> sweeper;

        Phase(String mode, double offered, List<LoadMix.Request> requests, int maxConnections,
              ObjLongConsumer<LoadMix.Request> onSend) {
            this.mode = mode;
            this.offered = offered;
            this.requests = requests;
            this.maxConnections = maxConnections;
            this.onSend = onSend;
        }

        /**
         * A pacer thread sleeps until each request is due and hands the event loop whatever is due by then (it keeps
         * time better on a busy machine than a timer on the event loop, which also reads responses).
         */
        void startOpen() {
            // connections a load balancer would keep open to the gateway, opened before the clock starts; more are
            // opened while all are busy (up to maxConnections). Without them a phase began on zero connections and
            // any stall turned into a burst of new connections, which cost the server more than the requests did.
            int warm = Math.min(WARM_CONNECTIONS, maxConnections);
            for (int i = 0; i < warm; i++) {
                openConnection(-1, 0);
            }
            awaitWarm(warm, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        }

        private void awaitWarm(int warm, long deadline) {
            if (idle.size() < warm && System.nanoTime() < deadline) {
                loop.schedule(() -> awaitWarm(warm, deadline), 1, TimeUnit.MILLISECONDS);
                return;
            }
            startPacer();
        }

        void startPacer() {
            periodNanos = (long) (1e9 / offered);
            t0 = System.nanoTime() + 2_000_000;
            sweeper = loop.scheduleAtFixedRate(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
            Thread pacer = new Thread(() -> {
                int posted = 0;
                while (posted < requests.size()) {
                    long due = t0 + posted * periodNanos;
                    long now = System.nanoTime();
                    if (now < due) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                        continue;
                    }
                    int upTo = (int) Math.min(requests.size(), (now - t0) / periodNanos + 1);
                    int from = posted;
                    loop.execute(() -> {
                        for (int i = from; i < upTo; i++) {
                            dispatch(i, t0 + i * periodNanos);
                        }
                        next = upTo;
                    });
                    posted = upTo;
                }
            }, "load-pacer");
            pacer.setDaemon(true);
            pacer.setPriority(Thread.MAX_PRIORITY);
            pacer.start();
        }

        void startClosed() {
            t0 = System.nanoTime();
            sweeper = loop.scheduleAtFixedRate(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
            for (int i = 0; i < maxConnections; i++) {
                openConnection(-1, 0);
            }
        }

        /** Closed loop: the next request's index, or -1 when the phase is over. */
        int take() {
            if (System.nanoTime() >= endNanos || (!cycle && next >= requests.size())) {
                return -1;
            }
            return next++ % requests.size();
        }

        void dispatch(int index, long clockStart) {
            Conn c = idle.poll();
            if (c != null) {
                c.send(index, clockStart);
            } else if (opened < maxConnections) {
                openConnection(index, clockStart);
            } else {
                backlog.add(new long[]{index, clockStart});
            }
        }

        void openConnection(int index, long clockStart) {
            opened++;
            Conn c = new Conn(this);
            all.add(c);
            ChannelFuture f = new Bootstrap().group(loop)
                    .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20), c);
                        }
                    }).connect(host, port);
            f.addListener(r -> {
                if (!r.isSuccess()) {
                    connectionErrors++;
                    all.remove(c);
                    opened--;
                    if (index >= 0) {
                        sent++;
                        finish();
                    }
                    return;
                }
                c.channel = f.channel();
                if (index >= 0) {
                    c.send(index, clockStart);
                } else {
                    c.idleOrNext();
                }
            });
        }

        /** Requests that outlived the timeout: counted, their connection closed (its answer would be stale). */
        void sweep() {
            long now = System.nanoTime();
            for (Conn c : new ArrayList<>(all)) {
                if (c.index >= 0 && now - c.sentAt > timeoutNanos) {
                    timeouts++;
                    c.index = -1;
                    c.dead = true;
                    all.remove(c);
                    opened--;
                    finish();
                    if (c.channel != null) {
                        c.channel.close();
                    }
                    replaceLost();
                }
            }
            if (mode.equals("closed")) {
                maybeFinishClosed();
            }
        }

        /**
         * A connection was lost (timed out or closed by the server): open loop, requests still waiting get a new one;
         * closed loop, a new one takes its place, so that the phase keeps its concurrency. Without that a closed loop
         * lost a connection to every answer slower than the timeout and never got it back: one stall of the gateway
         * over the timeout on all its connections left it with none, waiting out its duration (the warm-up's is an
         * hour) on nothing while the gateway sat idle.
         */
        void replaceLost() {
            if (stopped) {
                return;
            }
            if (mode.equals("closed")) {
                if (opened < maxConnections) {
                    openConnection(-1, 0);
                }
            } else if (!backlog.isEmpty() && opened < maxConnections) {
                long[] w = backlog.poll();
                openConnection((int) w[0], w[1]);
            }
        }

        void finish() {
            finished++;
            lastFinish = System.nanoTime();
            if (mode.equals("open") && next >= requests.size() && finished >= requests.size()) {
                complete();
            }
        }

        void maybeFinishClosed() {
            boolean busy = all.stream().anyMatch(c -> c.index >= 0);
            // opened == 0: no connection could be made again (the server is gone); the row shows the errors
            if (!busy && (System.nanoTime() >= endNanos || !cycle && next >= requests.size() || opened == 0)) {
                complete();
            }
        }

        void complete() {
            if (stopped) {
                return;
            }
            stopped = true;
            sweeper.cancel(false);
            int connections = all.size();
            for (Conn c : new ArrayList<>(all)) {
                if (c.channel != null) {
                    c.channel.close();
                }
            }
            double seconds = (Math.max(lastFinish, t0 + 1) - t0) / 1e9;
            done.complete(new Result(mode, offered, sent, ok, statuses, timeouts, connectionErrors, slowDown,
                    seconds, histogram, connections, lag, windows));
        }
    }

    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        final Phase phase;
        Channel channel;
        int index = -1;
        long clockStart;
        long sentAt;
        boolean dead;

        Conn(Phase phase) {
            this.phase = phase;
        }

        void send(int i, long start) {
            LoadMix.Request r = phase.requests.get(i);
            index = i;
            clockStart = start;
            sentAt = System.nanoTime();
            if (start == 0) {
                clockStart = sentAt;                    // closed loop: from the write
            } else {
                phase.lag.recordValue(Math.max(0, (sentAt - start) / 1000));
            }
            phase.sent++;
            phase.onSend.accept(r, clockStart);
            ByteBuf buf = Unpooled.wrappedBuffer(r.raw());
            channel.writeAndFlush(buf, channel.voidPromise());
        }

        void idleOrNext() {
            if (phase.stopped || dead) {
                return;
            }
            if (phase.mode.equals("closed")) {
                int i = phase.take();
                if (i >= 0) {
                    send(i, 0);
                } else {
                    phase.maybeFinishClosed();
                }
                return;
            }
            long[] waiting = phase.backlog.poll();
            if (waiting != null) {
                send((int) waiting[0], waiting[1]);
            } else {
                phase.idle.push(this);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (index < 0) {
                return;                                 // answer to a request already counted as timed out
            }
            long now = System.nanoTime();
            int status = response.status().code();
            phase.statuses.merge(status, 1L, Long::sum);
            if (status == 200) {
                phase.ok++;
                long micros = Math.max(0, (now - clockStart) / 1000);
                phase.histogram.recordValue(micros);
                int w = (int) Math.max(0, (clockStart - phase.t0) / (LoadStalls.WINDOW_MILLIS * 1_000_000));
                if (w >= phase.windows.length) {
                    phase.windows = java.util.Arrays.copyOf(phase.windows, Math.max(w + 1, phase.windows.length * 2));
                }
                phase.windows[w] = Math.max(phase.windows[w], micros);
                ByteBuf content = response.content();
                if (content.readableBytes() > 120 && contains(content, SLOW_DOWN)) {
                    phase.slowDown++;
                }
            }
            index = -1;
            phase.finish();
            idleOrNext();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!dead) {
                dead = true;
                phase.all.remove(this);
                phase.idle.remove(this);
                phase.opened--;
                if (index >= 0) {
                    index = -1;
                    phase.connectionErrors++;
                    phase.finish();
                }
                phase.replaceLost();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static boolean contains(ByteBuf content, byte[] needle) {
        int from = content.readerIndex();
        int to = content.writerIndex() - needle.length;
        outer:
        for (int i = from; i <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
