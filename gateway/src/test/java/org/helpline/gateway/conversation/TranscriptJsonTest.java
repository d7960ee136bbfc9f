package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.serde.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TranscriptJson} writes what the service's mapper writes (its setting {@code inclusion: always}), character for
 * character, and the mapper reads it back to the same values: every UTF-16 unit (lone surrogates too), quotes, backslashes,
 * control characters, text beyond the BMP, nulls, empty and long lists, over random documents.
 */
class TranscriptJsonTest {
    private static ObjectMapper.CloseableObjectMapper json;

    @BeforeAll
    static void mapper() {
        json = ObjectMapper.create(Map.of("micronaut.serde.serialization.inclusion", "always"),
                "org.helpline.gateway.conversation");
    }

    @AfterAll
    static void close() throws Exception {
        json.close();
    }

    @Test
    void everyLowCharacterAndTheShapesAreWrittenAsTheMapperWritesThem() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);        // the surrogates among them lone, in order
        }
        same(new TranscriptEntry(all.toString(), "in", null, null, all.toString()));
        same(new TranscriptEntry("2026-11-30T21:09:09.123456Z", "bot", "SM0123", "HIGH", "v1:abc"));
        same(new TranscriptText(all.toString(), List.of("kms", all.toString(), "")));
        same(new TranscriptText("", List.of()));
        same(new TranscriptText(null, null));
        same(new TranscriptText("he wants pics \uD83D\uDE22 \"now\" \\ 日本語", Arrays.asList("a", null)));
    }

    @Test
    void randomDocumentsAreWrittenAsTheMapperWritesThemAndReadBack() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            List<String> reasons = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                reasons.add(text(random));
            }
            TranscriptText t = new TranscriptText(text(random), random.nextInt(10) == 0 ? null : reasons);
            same(t);
            assertEquals(t, json.readValue(TranscriptJson.text(t), TranscriptText.class));
            TranscriptEntry e = new TranscriptEntry(text(random), text(random), random.nextBoolean() ? null
                    : text(random), random.nextBoolean() ? null : text(random), text(random));
            same(e);
            assertEquals(e, json.readValue(TranscriptJson.entry(e), TranscriptEntry.class));
        }
    }

    private static void same(TranscriptEntry e) throws Exception {
        assertEquals(json.writeValueAsString(e), TranscriptJson.entry(e));
    }

    private static void same(TranscriptText t) throws Exception {
        assertEquals(json.writeValueAsString(t), TranscriptJson.text(t));
    }

    /** Random text: ASCII, controls, Latin-1, any other UTF-16 unit and well-formed pairs beyond the BMP. */
    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
            switch (random.nextInt(5)) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append((char) (0x20 + random.nextInt(0x60)));
                case 2 -> b.append((char) (0x80 + random.nextInt(0x180)));
                case 3 -> b.append((char) (0x800 + random.nextInt(0xF7FF)));   // lone surrogates too
                default -> b.appendCodePoint(0x10000 + random.nextInt(0xF0000));
            }
        }
        return b.toString();
    }
}
