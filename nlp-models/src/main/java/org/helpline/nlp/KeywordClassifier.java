package org.helpline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transparent phrase-lexicon classifier (one lexicon per language under {@code keywords/}). It is the safety net
 * under the statistical models and the classifier used where no model is loaded. Thread-safe and immutable.
 */
public final class KeywordClassifier implements LanguageDetector, IntentClassifier, RiskAssessor, MessageClassifier {
    /**
     * Words that negate a risk phrase right after them ("not going to kill myself", "no quiero morir"). Swahili
     * negates in the verb, so only its "have never" forms are here ("sijawahi kufikiria kujiua"): "sitaki" would also
     * negate "sitaki mtu ajue nataka kujiua" (I don't want anyone to know I want to kill myself).
     */
    private static final Set<String> NEGATIONS = Set.of("not", "never", "don't", "won't", "wouldn't", "isn't",
            "nunca", "jamas", "no", "tampoco", "sijawahi", "hajawahi");
    /** A negation does not reach across these ("i'm not ok but i want to die"). */
    private static final Pattern CLAUSE_BREAK = Pattern.compile(".*(?:[.,;:!?]|\\bbut\\b|\\bpero\\b|\\band\\b|\\by\\b)");
    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("i", "you", "the", "my", "me", "is", "and", "to", "it", "a", "what", "he", "she", "want",
                    "am", "are", "of", "in", "this", "that", "with", "hi", "hello", "help", "don't", "how", "yes"),
            "es", Set.of("yo", "el", "la", "mi", "me", "es", "y", "que", "de", "un", "una", "no", "con", "por",
                    "quiero", "estoy", "hola", "ayuda", "como", "si", "los", "las", "porque", "tengo", "se", "lo"));

    private record Entry(String phrase, Pattern pattern) {
    }

    private final Map<String, Map<RiskTier, List<Entry>>> risk = new HashMap<>();
    /** Idioms that contain a risk phrase but are not one ("suicide squad", "to die for"): blanked before matching. */
    private final Map<String, List<Entry>> masks = new HashMap<>();
    /** Risk phrases of every language by their first word: a message only tries the phrases its words can start. */
    private final Map<String, List<RiskEntry>> riskByFirstWord = new HashMap<>();
    /** Mask idioms of every language by their first word. */
    private final Map<String, List<Entry>> masksByFirstWord = new HashMap<>();
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");

    /**
     * A risk phrase of one language. {@code explicit}: the lexicon's {@code crisis} label, an explicit first-person
     * statement of suicide or self-harm ("want to die", "cut myself"): HIGH, and the emergency numbers at once.
     */
    private record RiskEntry(String language, RiskTier tier, Entry entry, boolean explicit) {
    }
    private final Map<String, Map<Intent, List<Entry>>> intents = new HashMap<>();
    /**
     * Imminence cues of every language (kind {@code cue}): plan, means, timing or danger now ("tonight", "took",
     * "outside my house"). A cue alone never raises a tier; with a HIGH assessment it makes it IMMINENT.
     */
    private final List<Entry> cues = new ArrayList<>();
    private final List<String> languages;

    /** Loads the lexicons of the given languages (ISO 639-1) from the classpath. */
    public KeywordClassifier(List<String> languages) {
        this.languages = List.copyOf(languages);
        for (String lang : languages) {
            load(lang);
        }
    }

    /** The languages whose lexicon ships in {@code keywords/}. */
    public static final List<String> LEXICON_LANGUAGES = List.of("en", "es", "fr", "pt", "sw", "ar", "hi");

    public KeywordClassifier() {
        this(LEXICON_LANGUAGES);
    }

    private void load(String lang) {
        Map<RiskTier, List<Entry>> r = new EnumMap<>(RiskTier.class);
        Set<String> explicit = new HashSet<>();
        Map<Intent, List<Entry>> in = new EnumMap<>(Intent.class);
        List<Entry> mask = new ArrayList<>();
        String resource = "keywords/" + lang + ".tsv";
        try (InputStream stream = KeywordClassifier.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalArgumentException("no keyword lexicon for language '" + lang + "' (" + resource + ")");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 3) {
                    throw new IllegalArgumentException(resource + ":" + number + ": expected kind<TAB>label<TAB>phrase");
                }
                String phrase = TextNormaliser.normalise(parts[2]);
                Entry entry = new Entry(phrase, Pattern.compile("(?<![\\p{L}\\p{N}'])" + Pattern.quote(phrase)
                        + "(?![\\p{L}\\p{N}'])"));
                switch (parts[0]) {
                    case "risk" -> {
                        boolean crisis = parts[1].equals("crisis");
                        if (crisis) {
                            explicit.add(phrase);
                        }
                        r.computeIfAbsent(crisis ? RiskTier.HIGH : RiskTier.valueOf(parts[1].toUpperCase()),
                                k -> new ArrayList<>()).add(entry);
                    }
                    case "intent" -> in.computeIfAbsent(Intent.fromLabel(parts[1]), k -> new ArrayList<>()).add(entry);
                    case "mask" -> mask.add(entry);
                    case "cue" -> cues.add(entry);
                    default -> throw new IllegalArgumentException(resource + ":" + number + ": unknown kind " + parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        risk.put(lang, r);
        masks.put(lang, mask);
        r.forEach((tier, entries) -> entries.forEach(entry -> riskByFirstWord
                .computeIfAbsent(firstWord(entry.phrase()), k -> new ArrayList<>())
                .add(new RiskEntry(lang, tier, entry, explicit.contains(entry.phrase())))));
        mask.forEach(entry -> masksByFirstWord.computeIfAbsent(firstWord(entry.phrase()), k -> new ArrayList<>())
                .add(entry));
        intents.put(lang, in);
    }

    @Override
    public Classification classify(String text, String knownLanguage) {
        return new CompositeClassifier(this, this, this).classify(text, knownLanguage);
    }

    @Override
    public LanguageGuess detect(String text, String fallback) {
        String[] words = TextNormaliser.normalise(text).split("[^\\p{L}']+");
        String best = null;
        int bestHits = 0;
        int secondHits = 0;
        for (String lang : languages) {
            Set<String> stop = STOPWORDS.getOrDefault(lang, Set.of());
            int hits = 0;
            for (String w : words) {
                if (stop.contains(w)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                secondHits = bestHits;
                bestHits = hits;
                best = lang;
            } else if (hits > secondHits) {
                secondHits = hits;
            }
        }
        if (best == null || bestHits - secondHits < 2) {
            return new LanguageGuess(fallback, 0.0);
        }
        return new LanguageGuess(best, Math.min(1.0, (bestHits - secondHits) / 4.0));
    }

    @Override
    public IntentPrediction predict(String text, String language) {
        String normal = TextNormaliser.normalise(text);
        Map<Intent, List<Entry>> lexicon = intents.getOrDefault(language, intents.get(languages.get(0)));
        Intent best = Intent.OTHER;
        int bestScore = 0;
        int total = 0;
        for (Map.Entry<Intent, List<Entry>> e : lexicon.entrySet()) {
            int score = 0;
            for (Entry entry : e.getValue()) {
                if (entry.pattern().matcher(normal).find()) {
                    score += entry.phrase().split(" ").length;
                }
            }
            total += score;
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        if (bestScore == 0) {
            return new IntentPrediction(Intent.OTHER, 0.5);
        }
        return new IntentPrediction(best, (double) bestScore / total);
    }

    @Override
    public RiskAssessment assess(String text, String language) {
        return assessNormalised(TextNormaliser.normalise(text), language);
    }

    /** {@link #assess} on text already passed through {@link TextNormaliser#normalise}. */
    RiskAssessment assessNormalised(String normalised, String language) {
        String[] words = WORD_SPLIT.split(normalised);
        String normal = masked(normalised, words);
        if (normal != normalised) {
            words = WORD_SPLIT.split(normal);
        }
        RiskTier tier = RiskTier.NONE;
        boolean explicit = false;
        List<String> reasons = new ArrayList<>();
        // risk phrases of every shipped language apply: young people mix languages, and recall comes first.
        // The message's own language is tried first so its phrases lead the reasons.
        List<RiskEntry> candidates = new ArrayList<>();
        for (String word : new LinkedHashSet<>(List.of(words))) {
            for (RiskEntry candidate : riskByFirstWord.getOrDefault(word, List.of())) {
                // the pattern is the phrase between word boundaries: no phrase in the text, no match
                if (normal.contains(candidate.entry().phrase())) {
                    candidates.add(candidate);
                }
            }
        }
        if (candidates.size() > 1) {
            candidates.sort(Comparator.comparing((RiskEntry c) -> !c.language().equals(language))
                    .thenComparing(RiskEntry::tier));
        }
        for (RiskEntry candidate : candidates) {
            Entry entry = candidate.entry();
            var m = entry.pattern().matcher(normal);
            if (!m.find()) {
                continue;
            }
            RiskTier found = candidate.tier();
            String reason = "phrase '" + entry.phrase() + "' (" + found.name() + ")";
            if (found.atLeast(RiskTier.HIGH) && negated(normal, m.start())) {
                // "i'm not going to kill myself" is still worth a counsellor, but not an emergency
                found = RiskTier.LOW;
                reason = "negated phrase '" + entry.phrase() + "': worth a counsellor";
            } else if (candidate.explicit()) {
                explicit = true;
            }
            if (reasons.contains(reason)) {
                continue; // "wanna die" and "want to die" normalise to the same phrase
            }
            if (found.compareTo(tier) > 0) {
                tier = found;
                reasons.add(0, reason);
            } else if (found != RiskTier.NONE) {
                reasons.add(reason);
            }
        }
        Optional<String> cue = tier.atLeast(RiskTier.HIGH) ? ReportedSpeech.thirdPartyCue(normal, explicit)
                : Optional.empty();
        cue.ifPresent(c -> reasons.add("about someone else (reported speech: '" + c + "')"));
        boolean thirdParty = cue.isPresent();
        return new RiskAssessment(tier, reasons, thirdParty, explicit && tier.atLeast(RiskTier.HIGH), 0.0);
    }

    /** The first imminence cue in already-normalised text, if any (see {@link #cues}). */
    public Optional<String> imminenceCue(String normalised) {
        for (Entry cue : cues) {
            if (normalised.contains(cue.phrase()) && cue.pattern().matcher(normalised).find()) {
                return Optional.of(cue.phrase());
            }
        }
        return Optional.empty();
    }

    private static String firstWord(String phrase) {
        for (String w : WORD_SPLIT.split(phrase)) {
            if (!w.isEmpty()) {
                return w;
            }
        }
        return phrase;
    }

    /**
     * Whether normalised text holds an idiom the lexicon knows is not risk ("dying of laughter", "to die for"): the
     * sentence encoder is not asked about such a message, as it would take the idiom's death word at face value.
     */
    boolean hasIdiom(String normalised) {
        return masked(normalised, WORD_SPLIT.split(normalised)) != normalised;
    }

    /** The text with every shipped language's mask idioms blanked out (same length, so offsets still hold). */
    private String masked(String normal, String[] words) {
        String out = normal;
        for (String word : words) {
            for (Entry entry : masksByFirstWord.getOrDefault(word, List.of())) {
                if (!out.contains(entry.phrase())) {
                    continue; // the pattern is the phrase between word boundaries
                }
                Matcher m = entry.pattern().matcher(out);
                if (m.find()) {
                    out = m.replaceAll(mr -> " ".repeat(mr.group().length()));
                }
            }
        }
        return out;
    }

    /**
     * True when one of the three words before the phrase, within its clause, negates it. Deliberately narrow: a
     * negated phrase is downgraded to LOW (still a counsellor's case), so a wrong "negated" costs urgency, never
     * visibility. A clause-initial English "no" is an answer ("no i want to die"), not a negation.
     */
    static boolean negated(String normal, int phraseStart) {
        String before = normal.substring(0, phraseStart);
        Matcher clause = CLAUSE_BREAK.matcher(before);
        if (clause.lookingAt()) {
            before = before.substring(clause.end());
        }
        String[] words = before.trim().split(" ");
        for (int i = Math.max(0, words.length - 3); i < words.length; i++) {
            if (NEGATIONS.contains(words[i]) && !(i == 0 && words[i].equals("no") && words.length > 1
                    && !words[1].equals("quiero") && !words[1].equals("me") && !words[1].equals("voy"))) {
                return true;
            }
        }
        return false;
    }
}
