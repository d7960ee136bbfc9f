package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.helpline.gateway.cases.PastCase;
import org.helpline.nlp.RiskTier;

/**
 * Why a conversation is with a person, for the top of the conversation: its reasons in plain words
 * ({@link PlainReasons}), the message that mattered (the highest-risk one, first to reach that tier; not only the
 * latest trigger) with the phrases to highlight, and the conversation's tier over time: the messages that raised it,
 * and every assessed message of the young person's as the points of the desk's chart (tiers and times only, no text).
 * The classifiers' own reasons
 * (probabilities, cues) are the detail, given to supervisors only. The transcript's flags are put in plain words too.
 */
@Singleton
public class WhyHere {
    /** The message that drove the tier, quoted. */
    @Serdeable
    public record Mattered(String at, String tier, String text, List<String> highlight) {
        @Override
        public String toString() {
            return "Mattered[" + at + ", " + tier + ", text redacted]";
        }
    }

    /** A message that raised the conversation's tier. */
    @Serdeable
    public record TierStep(String at, String tier) {
    }

    /**
     * One of the young person's messages that carries a risk in the transcript, as a point of the tier chart;
     * {@code highest} marks the one that first took the conversation to its highest tier (the message that mattered).
     */
    @Serdeable
    public record TierPoint(String at, String tier, boolean highest) {
    }

    /** The classifiers' reasons for one flagged message (supervisors only). */
    @Serdeable
    public record Detail(String at, String tier, List<String> reasons) {
    }

    /** Everything the header shows about why the conversation is here. */
    @Serdeable
    public record Why(List<PlainReasons.Reason> reasons, @Nullable Mattered mattered, List<TierStep> tierOverTime,
                      List<TierPoint> tierSeries, @Nullable List<Detail> detail) {
        @Override
        public String toString() {
            return "Why[" + reasons.size() + " reasons, content redacted]";
        }
    }

    /** A conversation page: the desk's view (reasons and flags in plain words) and why it is here. */
    @Serdeable
    public record Opened(@com.fasterxml.jackson.annotation.JsonUnwrapped CounsellorDesk.View view, Why why,
                         @Nullable Assignments.Handover handover,
                         List<PastCase> history) {
        /** The same page with the note that came with the conversation, shown first. */
        public Opened withHandover(@Nullable Assignments.Handover note) {
            return new Opened(view, why, note, history);
        }

        /** The same page with the contact's earlier cases, newest first. */
        public Opened withHistory(List<PastCase> cases) {
            return new Opened(view, why, handover, List.copyOf(cases));
        }

        @Override
        public String toString() {
            return "Opened[" + view + "]";
        }
    }

    private final PlainReasons plain;

    public WhyHere(PlainReasons plain) {
        this.plain = plain;
    }

    /** The page for a counsellor ({@code detail} false) or a supervisor ({@code detail} true: the raw reasons too). */
    public Opened open(CounsellorDesk.View v, boolean detail) {
        CounsellorDesk.Line mattered = null;
        RiskTier top = RiskTier.NONE;
        List<TierStep> steps = new ArrayList<>();
        List<TierPoint> series = new ArrayList<>();
        int highest = -1;
        List<Detail> details = new ArrayList<>();
        List<CounsellorDesk.Line> lines = new ArrayList<>(v.transcript().size());
        for (CounsellorDesk.Line l : v.transcript()) {
            RiskTier tier = tier(l.risk());
            boolean in = "in".equals(l.direction());
            if (in && tier.compareTo(top) > 0) {
                top = tier;
                mattered = l;
                steps.add(new TierStep(l.at(), tier.name()));
                highest = series.size();
            }
            if (in && l.risk() != null) {
                series.add(new TierPoint(l.at(), tier.name(), false));
            }
            if (in && l.reasons() != null && !l.reasons().isEmpty()) {
                details.add(new Detail(l.at(), l.risk(), l.reasons()));
                lines.add(new CounsellorDesk.Line(l.at(), l.direction(), l.text(), l.risk(),
                        words(plain.plain(l.reasons(), l.text()))));
            } else {
                lines.add(l);
            }
        }
        List<String> raw = new ArrayList<>(v.reasons());
        if (mattered != null && mattered.reasons() != null) {
            raw.addAll(mattered.reasons());
        }
        List<PlainReasons.Reason> reasons = plain.plain(raw, mattered == null ? null : mattered.text());
        Mattered m = null;
        if (mattered != null && top.atLeast(RiskTier.LOW)) {
            Set<String> highlight = new LinkedHashSet<>();
            for (PlainReasons.Reason r : plain.plain(mattered.reasons() == null ? List.of() : mattered.reasons(),
                    mattered.text())) {
                if (r.quote() != null) {
                    highlight.add(r.quote());
                }
            }
            m = new Mattered(mattered.at(), top.name(), mattered.text(), List.copyOf(highlight));
        }
        if (!v.reasons().isEmpty()) {
            details.add(0, new Detail("queue entry", v.tierName(), v.reasons()));
        }
        CounsellorDesk.View shown = new CounsellorDesk.View(v.id(), v.tierName(), words(reasons), v.state(),
                v.counsellor(), v.channel(), v.language(), v.window(), v.templates(), v.alerts(), lines);
        if (highest >= 0 && highest < series.size()) {
            TierPoint p = series.get(highest);
            series.set(highest, new TierPoint(p.at(), p.tier(), true));
        }
        return new Opened(shown, new Why(reasons, m, steps, List.copyOf(series), detail ? details : null), null,
                List.of());
    }

    private static List<String> words(List<PlainReasons.Reason> reasons) {
        return reasons.stream().map(r -> r.quote() == null ? r.words() : r.words() + ": “" + r.quote() + "”")
                .toList();
    }

    private static RiskTier tier(String name) {
        if (name == null) {
            return RiskTier.NONE;
        }
        try {
            return RiskTier.valueOf(name);
        } catch (IllegalArgumentException e) {
            return RiskTier.NONE;
        }
    }
}
