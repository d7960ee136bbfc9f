package org.helpline.gateway.security;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two guards on every HTTP connection, added to Netty's pipeline: a cap on open connections
 * ({@link ConnectionConfiguration#max}), and a deadline for a request to arrive whole once its first byte has
 * ({@link ConnectionConfiguration#requestTimeout}). Micronaut's idle timeout closes a connection on which nothing
 * moves; a client sending a byte now and then is never idle, so it needs the deadline.
 */
@Singleton
public class ConnectionLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String CODEC = "http-server-codec";
    private final int max;
    private final long timeoutMillis;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final Refusals refusals;

    public ConnectionLimits(ConnectionConfiguration config, Refusals refusals) {
        this.max = config.effectiveMax();
        this.timeoutMillis = config.requestTimeout().toMillis();
        this.refusals = refusals;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new Connection(channel) : this;
            }
        });
        return event.getBean();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** The cap in force. */
    public int max() {
        return max;
    }

    /** Connections closed since start: over the cap, and for sending a request too slowly. */
    public long refused() {
        return refused.get();
    }

    public long timedOut() {
        return timedOut.get();
    }

    private final class Connection implements NettyServerCustomizer {
        private final Channel channel;
        private final Deadline deadline = new Deadline();
        private boolean counted;
        private boolean ended;

        Connection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel ch, ChannelRole role) {
            return this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            if (!counted) {
                counted = true;
                int now = open.incrementAndGet();
                channel.closeFuture().addListener(f -> open.decrementAndGet());
                if (now > max) {
                    refused.incrementAndGet();
                    refusals.count("connection refused", "over the connection cap");
                    channel.close();
                    return;
                }
                channel.pipeline().addFirst("helpline-request-start", deadline);
            }
            addEnd();
        }

        @Override
        public void onStreamPipelineBuilt() {
            addEnd();
        }

        private void addEnd() {
            if (!ended && channel.pipeline().get(CODEC) != null && channel.pipeline().get("helpline-request-start") != null) {
                ended = true;
                channel.pipeline().addAfter(CODEC, "helpline-request-end", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof LastHttpContent) {
                            deadline.requestRead();
                        }
                        ctx.fireChannelRead(msg);
                    }
                });
            }
        }
    }

    /** Starts a timer at a request's first byte; the request's last part stops it. */
    private final class Deadline extends ChannelDuplexHandler {
        private ScheduledFuture<?> timer;
        private boolean reading;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!reading && msg instanceof ByteBuf b && b.isReadable()) {
                reading = true;
                timer = ctx.executor().schedule(() -> {
                    if (reading) {
                        timedOut.incrementAndGet();
                        refusals.count("connection closed", "request not sent within the request timeout");
                        ctx.close();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        /** Runs on the channel's event loop (the codec's handler calls it from channelRead). */
        void requestRead() {
            reading = false;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            requestRead();
            super.channelInactive(ctx);
        }
    }
}
