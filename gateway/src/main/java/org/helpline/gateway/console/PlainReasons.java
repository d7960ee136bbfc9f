package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a conversation is with a person, in words a counsellor reads ("Said they want to end their life", "Asked for a
 * counsellor", "Says someone is threatening to share images") instead of the classifiers' own reasons ("curated
 * model: imminent (p=0.51; cues 'now', 'wants', 'him')"), which stay available to supervisors as the detail.
 *
 * <p>The classifiers' reasons are read by their form (the lexicon's {@code phrase '…' (TIER)}, the models'
 * {@code … model: …}, {@code asked to talk to a counsellor}, {@code writes in a language we do not ship: …},
 * {@code about someone else …}, {@code classifier unavailable …}, {@code conversation: several messages …}); what a
 * phrase or a message is about comes from {@code reasons/topics.tsv}.
 */
@Singleton
public class PlainReasons {
    /** What a reason says, most urgent first: the order in which a conversation's reasons are shown. */
    public enum Topic {
        MEANS("Says they have taken something or have the means to end their life"),
        END_LIFE("Said they want to end their life"),
        SELF_HARM("Talks about hurting themselves"),
        DANGER_NOW("Says they are in danger right now"),
        IMAGES("Says someone is threatening to share images of them"),
        MEETING("Talks about meeting someone, or keeping a secret with someone"),
        ABUSE("Says someone is hurting or abusing them"),
        BULLYING("Talks about being bullied"),
        SOUNDS_URGENT("Wrote something that sounds urgent"),
        WORRYING("Wrote something worrying"),
        SEVERAL_MESSAGES("Several messages together are worrying"),
        NEGATED("Wrote something worrying, though with a 'not' or 'never': worth reading"),
        ABOUT_SOMEONE_ELSE("May be worried about someone else"),
        CHECK_FAILED("Our automatic check failed on a message, so it was treated as high risk"),
        OTHER_LANGUAGE("Writes in a language the bot does not speak"),
        ASKED_FOR_COUNSELLOR("Asked for a counsellor");

        private final String words;

        Topic(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * One reason as the console shows it.
     *
     * @param quote the young person's phrase that drove it, when there is one (the page highlights it)
     */
    @Serdeable
    public record Reason(Topic topic, String words, @Nullable String quote) {
    }

    private static final Pattern PHRASE = Pattern.compile("^(negated )?phrase '(.+?)'(?: \\((\\w+)\\))?.*");
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("^writes in a language we do not ship: (\\w+).*");
    private static final Pattern CUE = Pattern.compile("^imminent: '(.+?)'.*");

    private final Map<Topic, List<Pattern>> topics = new EnumMap<>(Topic.class);

    public PlainReasons() {
        try (InputStream in = PlainReasons.class.getResourceAsStream("/reasons/topics.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing /reasons/topics.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException("reasons/topics.tsv: expected topic<TAB>phrase: " + line);
                }
                topics.computeIfAbsent(Topic.valueOf(parts[0]), t -> new ArrayList<>())
                        .add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(parts[1].toLowerCase(Locale.ROOT))
                                + "(?![\\p{L}\\p{N}])"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code text} (a lexicon phrase or a message) is about, if our topics know it. */
    public Optional<Topic> topicOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        for (Map.Entry<Topic, List<Pattern>> e : topics.entrySet()) {
            for (Pattern p : e.getValue()) {
                if (p.matcher(lower).find()) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The classifiers' {@code raw} reasons in plain words, one per topic, most urgent first. {@code message}: the
     * text they were given for (a model's verdict is told by what the message is about), or {@code null}.
     */
    public List<Reason> plain(List<String> raw, @Nullable String message) {
        Map<Topic, Reason> out = new LinkedHashMap<>();
        for (String r : raw) {
            Reason plain = one(r, message);
            if (plain != null) {
                out.merge(plain.topic(), plain, (a, b) -> a.quote() != null ? a : b);
            }
        }
        List<Reason> sorted = new ArrayList<>(out.values());
        sorted.sort((a, b) -> Integer.compare(a.topic().ordinal(), b.topic().ordinal()));
        return sorted;
    }

    private Reason one(String raw, String message) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String r = raw.strip();
        Matcher m = PHRASE.matcher(r);
        if (m.matches()) {
            String phrase = m.group(2);
            if (m.group(1) != null) {
                return reason(Topic.NEGATED, phrase);
            }
            Topic general = "IMMINENT".equalsIgnoreCase(m.group(3)) ? Topic.SOUNDS_URGENT : Topic.WORRYING;
            return reason(topicOf(phrase).orElse(general), phrase);
        }
        if (r.startsWith("asked to talk to a counsellor")) {
            return reason(Topic.ASKED_FOR_COUNSELLOR, null);
        }
        Matcher other = OTHER_LANGUAGE.matcher(r);
        if (other.matches()) {
            return new Reason(Topic.OTHER_LANGUAGE, Topic.OTHER_LANGUAGE.words() + " (" + other.group(1) + ")", null);
        }
        if (r.startsWith("about someone else")) {
            return reason(Topic.ABOUT_SOMEONE_ELSE, null);
        }
        if (r.startsWith("classifier unavailable")) {
            return reason(Topic.CHECK_FAILED, null);
        }
        if (r.startsWith("conversation: several messages")) {
            return reason(Topic.SEVERAL_MESSAGES, null);
        }
        Matcher cue = CUE.matcher(r);
        if (cue.matches()) {
            return reason(Topic.SOUNDS_URGENT, cue.group(1));
        }
        if (r.contains("model:")) {
            if (r.contains("below high") || r.contains("does not confirm")) {
                return null;                                  // the model's doubt is detail, not a reason
            }
            Topic general = r.contains("imminent") ? Topic.SOUNDS_URGENT : Topic.WORRYING;
            return reason(topicOf(message).orElse(general), null);
        }
        return reason(Topic.WORRYING, null);
    }

    private static Reason reason(Topic topic, String quote) {
        return new Reason(topic, topic.words(), quote);
    }
}
