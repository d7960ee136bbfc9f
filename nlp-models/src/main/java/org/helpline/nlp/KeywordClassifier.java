package org.helpline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A transparent phrase-lexicon classifier (one lexicon per language under {@code keywords/}). It is the safety net
 * under the statistical models and the classifier used where no model is loaded. Thread-safe and immutable.
 */
public final class KeywordClassifier implements LanguageDetector, IntentClassifier, RiskAssessor, MessageClassifier {
    private static final Set<String> NEGATIONS = Set.of("not", "never", "no", "don't", "won't", "wont", "nunca",
            "no", "jamas", "wouldn't", "would never");
    private static final Pattern THIRD_PARTY = Pattern.compile(
            "\\b(my (friend|bff|best friend|sister|brother|cousin|classmate)|(she|he) (says|said|wants|told)|"
                    + "kill (herself|himself|themselves)|mi (amiga|amigo|hermana|hermano)|(ella|el) (dice|quiere))\\b");
    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("i", "you", "the", "my", "me", "is", "and", "to", "it", "a", "what", "he", "she", "want",
                    "am", "are", "of", "in", "this", "that", "with", "hi", "hello", "help", "don't", "how", "yes"),
            "es", Set.of("yo", "el", "la", "mi", "me", "es", "y", "que", "de", "un", "una", "no", "con", "por",
                    "quiero", "estoy", "hola", "ayuda", "como", "si", "los", "las", "porque", "tengo", "se", "lo"));

    private record Entry(String phrase, Pattern pattern) {
    }

    private final Map<String, Map<RiskTier, List<Entry>>> risk = new HashMap<>();
    private final Map<String, Map<Intent, List<Entry>>> intents = new HashMap<>();
    private final List<String> languages;

    /** Loads the lexicons of the given languages (ISO 639-1) from the classpath. */
    public KeywordClassifier(List<String> languages) {
        this.languages = List.copyOf(languages);
        for (String lang : languages) {
            load(lang);
        }
    }

    public KeywordClassifier() {
        this(List.of("en", "es"));
    }

    private void load(String lang) {
        Map<RiskTier, List<Entry>> r = new EnumMap<>(RiskTier.class);
        Map<Intent, List<Entry>> in = new EnumMap<>(Intent.class);
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
                    case "risk" -> r.computeIfAbsent(RiskTier.valueOf(parts[1].toUpperCase()), k -> new ArrayList<>())
                            .add(entry);
                    case "intent" -> in.computeIfAbsent(Intent.fromLabel(parts[1]), k -> new ArrayList<>()).add(entry);
                    default -> throw new IllegalArgumentException(resource + ":" + number + ": unknown kind " + parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        risk.put(lang, r);
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
        String normal = TextNormaliser.normalise(text);
        RiskTier tier = RiskTier.NONE;
        List<String> reasons = new ArrayList<>();
        List<String> langs = new ArrayList<>(List.of(language));
        // risk phrases of every shipped language apply: young people mix languages, and recall comes first
        for (String l : languages) {
            if (!langs.contains(l)) {
                langs.add(l);
            }
        }
        for (String lang : langs) {
            Map<RiskTier, List<Entry>> lexicon = risk.get(lang);
            if (lexicon == null) {
                continue;
            }
            for (Map.Entry<RiskTier, List<Entry>> e : lexicon.entrySet()) {
                for (Entry entry : e.getValue()) {
                    var m = entry.pattern().matcher(normal);
                    if (!m.find()) {
                        continue;
                    }
                    RiskTier found = e.getKey();
                    String reason = "phrase '" + entry.phrase() + "' (" + found.name() + ")";
                    if (found.atLeast(RiskTier.HIGH) && negated(normal, m.start())) {
                        // "i'm not going to kill myself" is still worth a counsellor, but not an emergency
                        found = RiskTier.LOW;
                        reason = "negated phrase '" + entry.phrase() + "': worth a counsellor";
                    }
                    if (found.compareTo(tier) > 0) {
                        tier = found;
                        reasons.add(0, reason);
                    } else if (found != RiskTier.NONE) {
                        reasons.add(reason);
                    }
                }
            }
        }
        boolean thirdParty = tier.atLeast(RiskTier.HIGH) && THIRD_PARTY.matcher(normal).find();
        if (thirdParty) {
            reasons.add("about someone else (reported speech)");
        }
        return new RiskAssessment(tier, reasons, thirdParty);
    }

    private static boolean negated(String normal, int phraseStart) {
        String before = normal.substring(0, phraseStart).trim();
        String[] words = before.split(" ");
        for (int i = Math.max(0, words.length - 3); i < words.length; i++) {
            if (NEGATIONS.contains(words[i])) {
                return true;
            }
        }
        return false;
    }
}
