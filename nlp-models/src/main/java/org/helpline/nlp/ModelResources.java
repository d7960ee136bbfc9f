package org.helpline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where the trained models live on the classpath. The build (and {@code scripts/train}) writes them into
 * {@code nlp-models/target/classes/org/helpline/nlp/models/}, so the nlp-models jar ships them:
 * <pre>
 * org/helpline/nlp/models/languages.txt      one ISO 639-1 code a line: the languages trained
 * org/helpline/nlp/models/{lang}/intent.bin  doccat model, labels = {@link Intent#label()}
 * org/helpline/nlp/models/{lang}/risk.bin    doccat model, labels none|low|high|imminent
 * langdetect-183.bin                          OpenNLP's published language detector (its own jar)
 * </pre>
 */
public final class ModelResources {
    public static final String ROOT = "/org/helpline/nlp/models/";
    public static final String LANGUAGES = ROOT + "languages.txt";
    public static final String LANGDETECT = "/langdetect-183.bin";

    private ModelResources() {
    }

    public static String intent(String language) {
        return ROOT + language + "/intent.bin";
    }

    public static String risk(String language) {
        return ROOT + language + "/risk.bin";
    }

    /** The languages the build trained, in the order listed; fails loudly when no model was trained. */
    public static List<String> trainedLanguages() {
        try (InputStream in = ModelResources.class.getResourceAsStream(LANGUAGES)) {
            if (in == null) {
                throw new IllegalStateException(LANGUAGES + " is missing from the classpath: the models were not "
                        + "trained (build nlp-models with Maven or run scripts/train)");
            }
            List<String> languages = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (languages.isEmpty()) {
                throw new IllegalStateException(LANGUAGES + " lists no language");
            }
            return languages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
