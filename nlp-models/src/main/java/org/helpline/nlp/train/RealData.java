package org.helpline.nlp.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real, public, labelled data (a directory laid out as the project's shared {@code data/}: see its README and
 * PROVENANCE.tsv), read as labelled
 * samples per <em>source</em>: one source is one kind of text with one label ("r/SuicideWatch posts", "everyday
 * assistant requests"), so that figures are reported per source and a leave-one-source-out run can hold a whole
 * kind of text out of training.
 *
 * <p><b>The split</b> is fixed once for all: a sample's split is a salted sha256 of its normalised text (lower case,
 * whitespace collapsed), 60% train, 20% dev (thresholds and choices), 20% test (reported, never trained on, never
 * used to choose anything). The salt makes it independent of the data pack's own hash-halving of the Spanish set.
 * The same text always lands in the same split, whichever source it appears in. A part of a sample that is also a
 * source of its own (an SDCNL post's title) takes the split of the whole it came from: before, a title and its post
 * were split apart, so the title of a test post could train (as a title) and the post of a test title too.
 *
 * <p>None of this data is copied into the repository: most sources state no licence.
 */
public final class RealData {
    /** Which part of a source a sample belongs to. */
    public enum Split { TRAIN, DEV, TEST }

    /** What a source is for: its positives must be flagged, its negatives must not. */
    public enum Kind {
        /** Every sample should be HIGH or above (recall). */
        POSITIVE,
        /** No sample should be HIGH or above (false alarms). */
        NEGATIVE,
        /** Reported only (the share flagged), never trained on: no clear label for a helpline. */
        REPORT_ONLY
    }

    /**
     * One source.
     *
     * @param name        short name in reports
     * @param language    ISO 639-1
     * @param kind        what its label means here
     * @param description what the text is, for the report
     * @param target      the figure it must reach: minimum recall (POSITIVE) or maximum false-alarm rate (NEGATIVE);
     *                    NaN when none is set
     */
    public record Source(String name, String language, Kind kind, String description, double target) {
    }

    /**
     * @param splitKey the text whose hash decides the split: the text itself, or for a part of a longer sample (an
     *                 SDCNL title) the whole it belongs to, so that a title and its post always land in the same
     *                 split (a test post's title must not train, nor a test title's post)
     */
    public record Sample(Source source, String text, String splitKey) {
        public boolean positive() {
            return source.kind() == Kind.POSITIVE;
        }

        public Split split() {
            return RealData.split(splitKey);
        }
    }

    public static final double RECALL_TARGET = 0.90;

    public static final Source SUICIDEWATCH = new Source("suicidewatch", "en", Kind.POSITIVE,
            "r/SuicideWatch posts (Kaggle sample, up to 2,000 chars)", RECALL_TARGET);
    public static final Source TEENAGERS = new Source("teenagers", "en", Kind.NEGATIVE,
            "r/teenagers posts (same sample): teen forum chatter", 0.10);
    public static final Source TWITTER_SUICIDAL = new Source("twitter-suicidal", "en", Kind.POSITIVE,
            "tweets/posts labelled suicidal intention", RECALL_TARGET);
    public static final Source TWITTER_ORDINARY = new Source("twitter-ordinary", "en", Kind.NEGATIVE,
            "tweets/posts labelled no suicidal intention", Double.NaN);
    public static final Source SDCNL_SUICIDE = new Source("sdcnl-suicide", "en", Kind.POSITIVE,
            "SDCNL r/SuicideWatch posts, title + text", RECALL_TARGET);
    public static final Source SDCNL_TITLES = new Source("sdcnl-suicide-titles", "en", Kind.POSITIVE,
            "SDCNL r/SuicideWatch post titles alone (SMS-length)", RECALL_TARGET);
    public static final Source SDCNL_DEPRESSION = new Source("sdcnl-depression", "en", Kind.REPORT_ONLY,
            "SDCNL r/depression posts, title + text (distress, not labelled suicidal)", Double.NaN);
    public static final Source ES_SUICIDAL = new Source("es-suicidal", "es", Kind.POSITIVE,
            "Spanish tweets annotated suicidal", RECALL_TARGET);
    public static final Source ES_ORDINARY = new Source("es-ordinary", "es", Kind.NEGATIVE,
            "Spanish tweets annotated not suicidal (found by the same search phrases)", 0.15);
    public static final Source CLINC = new Source("clinc", "en", Kind.NEGATIVE,
            "CLINC150 train + oos_train: everyday assistant requests", 0.01);
    public static final Source GOEMOTIONS = new Source("goemotions", "en", Kind.NEGATIVE,
            "GoEmotions Reddit comments (all emotions, sadness and grief included)", Double.NaN);
    public static final Source FORMSPRING = new Source("formspring", "en", Kind.NEGATIVE,
            "Formspring teen Q&A (2010), bullying included", Double.NaN);
    public static final Source FR_TEEN_CHAT = new Source("fr-teen-chat", "fr", Kind.NEGATIVE,
            "French teen role-play chats (CyberAgressionAdo), aggression included", Double.NaN);

    public static final List<Source> SOURCES = List.of(SUICIDEWATCH, TEENAGERS, TWITTER_SUICIDAL, TWITTER_ORDINARY,
            SDCNL_SUICIDE, SDCNL_TITLES, SDCNL_DEPRESSION, ES_SUICIDAL, ES_ORDINARY, CLINC, GOEMOTIONS, FORMSPRING,
            FR_TEEN_CHAT);

    private final Path root;
    private final Map<Source, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<String, String> sha256 = new LinkedHashMap<>();

    private RealData(Path root) {
        this.root = root;
    }

    /** Reads every source under {@code dataRoot}, which the caller names (scripts/train --real, scripts/evaluate). */
    public static RealData load(Path dataRoot) {
        RealData d = new RealData(dataRoot);
        d.read();
        return d;
    }

    public List<Sample> samples(Source source) {
        return samples.getOrDefault(source, List.of());
    }

    public List<Sample> samples(Source source, Split split) {
        return samples(source).stream().filter(s -> s.split() == split).toList();
    }

    /** Every file read and its sha256, for the model manifest. */
    public Map<String, String> files() {
        return sha256;
    }

    private void read() {
        csv("real/suicide_watch_teenagers/suicide_detection_sample.csv", ',', row -> {
            String cls = row.get("class");
            add("suicide".equals(cls) ? SUICIDEWATCH : "non-suicide".equals(cls) ? TEENAGERS : null, row.get("text"));
        });
        csv("real/twitter_suicidal_intention/twitter-suicidal_data.csv", ',', row ->
                add("1".equals(row.get("intention")) ? TWITTER_SUICIDAL
                        : "0".equals(row.get("intention")) ? TWITTER_ORDINARY : null, row.get("tweet")));
        csv("real/sdcnl_suicide_vs_depression/training-set.csv", ',', row -> {
            String title = row.get("title").trim();
            String body = row.get("selftext").trim();
            String full = body.isEmpty() || body.equals("emptypost") ? title : title + ". " + body;
            boolean suicide = "1".equals(row.get("is_suicide"));
            add(suicide ? SDCNL_SUICIDE : SDCNL_DEPRESSION, full);
            if (suicide) {
                add(SDCNL_TITLES, title, full);
            }
        });
        csv("real/spanish_suicide_tweets/suicidio_train_half.csv", ',', row ->
                add("1".equals(row.get("label")) ? ES_SUICIDAL : "0".equals(row.get("label")) ? ES_ORDINARY : null,
                        row.get("text")));
        clinc("clinc150/train.json");
        for (String f : List.of("train", "dev", "test")) {
            csv("real/goemotions/" + f + ".tsv", '\t', row -> add(GOEMOTIONS, row.get("text")));
        }
        csv("real/formspring_cyberbullying/formspring_data.csv", '\t', row ->
                add(FORMSPRING, unescapeHtml(row.get("post"))));
        csv("real/cyberaggression_ado_fr/cyberagressionado_v1.csv", ',', row -> add(FR_TEEN_CHAT, row.get("TEXT")));
    }

    private final Map<Source, Set<String>> seen = new LinkedHashMap<>();

    private void add(Source source, String text) {
        add(source, text, text);
    }

    private void add(Source source, String text, String splitKey) {
        if (source == null || text == null) {
            return;
        }
        String t = text.strip();
        if (t.isEmpty() || !seen.computeIfAbsent(source, s -> new HashSet<>()).add(key(t))) {
            return;
        }
        samples.computeIfAbsent(source, s -> new ArrayList<>()).add(new Sample(source, t, splitKey.strip()));
    }

    private void clinc(String file) {
        String json = readFile(file);
        // [["text", "intent"], ...] pairs; texts hold no escaped quotes but may hold unicode escapes
        Matcher m = Pattern.compile("\\[\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*\"")
                .matcher(json);
        while (m.find()) {
            add(CLINC, unescapeJson(m.group(1)));
        }
    }

    private String readFile(String file) {
        Path p = root.resolve(file);
        try {
            byte[] bytes = Files.readAllBytes(p);
            sha256.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void csv(String file, char delimiter, Consumer<Map<String, String>> rows) {
        List<List<String>> records = Csv.parse(readFile(file), delimiter);
        List<String> header = records.get(0);
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < rec.size() ? rec.get(i) : "");
            }
            rows.accept(row);
        }
    }

    /** Lower case, whitespace collapsed, trimmed: what decides duplicates and the split. */
    static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    static Split split(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("helpline-real-split-v1\n" + key(text))
                    .getBytes(StandardCharsets.UTF_8));
            int bucket = Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), 10);
            return bucket < 6 ? Split.TRAIN : bucket < 8 ? Split.DEV : Split.TEST;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A long post cut into the SMS-sized messages someone might send one after another: sentences, packed in order
     * up to {@code max} characters, a longer sentence cut at a space.
     */
    public static List<String> fragments(String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : text.split("(?<=[.!?\\n])\\s+|\\n+")) {
            String s = sentence.strip();
            while (s.length() > max) {
                int cut = s.lastIndexOf(' ', max);
                if (cut <= 0) {
                    cut = max;
                }
                flush(out, current);
                out.add(s.substring(0, cut).strip());
                s = s.substring(cut).strip();
            }
            if (s.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + 1 + s.length() > max) {
                flush(out, current);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(s);
        }
        flush(out, current);
        return out;
    }

    private static void flush(List<String> out, StringBuilder current) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }

    private static String unescapeHtml(String s) {
        if (s == null) {
            return null;
        }
        return s.replace("&#039;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("<br>", " ").replace("&amp;", "&");
    }

    private static String unescapeJson(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    case 'n' -> b.append(' ');
                    case 't' -> b.append(' ');
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** RFC 4180 records: quoted fields may hold the delimiter, newlines and doubled quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text, char delimiter) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && !fieldStarted) {
                    quoted = true;
                    fieldStarted = true;
                } else if (c == delimiter) {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = false;
                    if (!(record.size() == 1 && record.get(0).isEmpty())) {
                        records.add(record);
                    }
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                    fieldStarted = true;
                }
            }
            if (fieldStarted || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
