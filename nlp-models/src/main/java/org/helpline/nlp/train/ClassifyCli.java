package org.helpline.nlp.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.helpline.nlp.Classification;
import org.helpline.nlp.OpenNlpClassifier;

/**
 * Batch classification: one message a line on stdin, one JSON object a line on stdout
 * ({@code language}, {@code intent}, {@code intentConfidence}, {@code risk}, {@code riskReasons},
 * {@code aboutThirdParty}, {@code emergencyNumbers}: the young person gets the emergency numbers at once,
 * {@code evidence}: the real-text model's probability). The messages themselves are never echoed or logged.
 * <pre>java org.helpline.nlp.train.ClassifyCli [KNOWN_LANGUAGE]   (default en)</pre>
 */
public final class ClassifyCli {
    private ClassifyCli() {
    }

    public static void main(String[] args) throws IOException {
        String known = args.length > 0 ? args[0] : "en";
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            out.println(json(classifier.classify(line, known)));
        }
        out.flush();
    }

    static String json(Classification c) {
        StringBuilder b = new StringBuilder("{\"language\":").append(quote(c.language()))
                .append(",\"intent\":").append(quote(c.intent().label()))
                .append(",\"intentConfidence\":").append(String.format(Locale.ROOT, "%.4f", c.intentConfidence()))
                .append(",\"risk\":").append(quote(c.risk().tier().name().toLowerCase(Locale.ROOT)))
                .append(",\"riskReasons\":[");
        for (int i = 0; i < c.risk().reasons().size(); i++) {
            b.append(i == 0 ? "" : ",").append(quote(c.risk().reasons().get(i)));
        }
        return b.append("],\"aboutThirdParty\":").append(c.risk().aboutThirdParty())
                .append(",\"emergencyNumbers\":").append(c.risk().needsEmergencyNumbers())
                .append(",\"evidence\":").append(String.format(Locale.ROOT, "%.4f", c.risk().evidence()))
                .append('}').toString();
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
