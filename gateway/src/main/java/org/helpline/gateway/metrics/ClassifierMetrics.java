package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.helpline.nlp.Classification;
import org.helpline.nlp.MessageClassifier;
import org.helpline.nlp.RiskTier;

/**
 * Wraps the classifier bean as it is created, so that every classification is timed and counted by the risk tier it
 * gave, without the conversation pipeline knowing. A classification that throws is timed as {@code tier="failed"}
 * (the pipeline then escalates to be safe).
 */
@Singleton
public class ClassifierMetrics implements BeanCreatedEventListener<MessageClassifier> {
    /** Histogram buckets (Prometheus {@code le}): the median is about 30 µs (docs/benchmarks-nlp.md). */
    static final Duration[] BUCKETS = {Duration.ofNanos(25_000), Duration.ofNanos(50_000),
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(25), Duration.ofMillis(100)};
    private final MeterRegistry registry;

    public ClassifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MessageClassifier onCreated(BeanCreatedEvent<MessageClassifier> event) {
        return new Timed(event.getBean(), registry);
    }

    /** The classifier with a timer per tier. */
    static final class Timed implements MessageClassifier {
        private final MessageClassifier inner;
        private final Map<RiskTier, Timer> byTier = new EnumMap<>(RiskTier.class);
        private final Timer failed;

        Timed(MessageClassifier inner, MeterRegistry registry) {
            this.inner = inner;
            for (RiskTier t : RiskTier.values()) {
                byTier.put(t, timer(registry, t.name()));
            }
            this.failed = timer(registry, "failed");
        }

        private static Timer timer(MeterRegistry registry, String tier) {
            return Timer.builder(MetricNames.CLASSIFICATION)
                    .description("Messages classified, by the risk tier they got")
                    .tag("tier", tier)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
        }

        @Override
        public Classification classify(String text, String knownLanguage) {
            long start = System.nanoTime();
            Classification c;
            try {
                c = inner.classify(text, knownLanguage);
            } catch (RuntimeException | Error e) {
                failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                throw e;
            }
            RiskTier tier = c == null || c.risk() == null ? null : c.risk().tier();
            (tier == null ? failed : byTier.get(tier)).record(System.nanoTime() - start,
                    TimeUnit.NANOSECONDS);
            return c;
        }
    }
}
