package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our TwiML writer against the Twilio SDK's, byte for byte: every character, and the document's shapes. */
class TwimlTest {

    private static String sdk(List<String> replies) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        for (String reply : replies) {
            response.message(new Message.Builder().body(new Body.Builder(reply).build()).build());
        }
        return response.build().toXml();
    }

    private static void same(List<String> replies) {
        assertEquals(sdk(replies), Twiml.messages(replies), () -> "for " + replies.stream()
                .map(r -> r.codePoints().mapToObj(Integer::toHexString).toList().toString()).toList());
    }

    @Test
    void everyCharacterOfTheBasicPlaneIsWrittenAsTheSdkWritesIt() {
        for (int from = 0; from < 0x10000; from += 64) {
            if (from >= 0xD800 && from < 0xE000) {
                continue;                                       // surrogates: only in pairs, below
            }
            StringBuilder s = new StringBuilder("x");
            for (int cp = from; cp < from + 64; cp++) {
                s.appendCodePoint(cp);
            }
            same(List.of(s.toString()));
        }
    }

    @Test
    void charactersBeyondTheBasicPlaneToo() {
        int[][] ranges = {{0x10000, 0x10100}, {0x1F300, 0x1F700}, {0x1F900, 0x1FA00}, {0x20000, 0x20040},
                {0xE0000, 0xE0080}, {0x10FF00, 0x110000}};
        for (int[] r : ranges) {
            StringBuilder s = new StringBuilder();
            for (int cp = r[0]; cp < r[1]; cp++) {
                s.appendCodePoint(cp).append(cp % 7 == 0 ? " " : "");
            }
            same(List.of(s.toString()));
        }
    }

    @Test
    void theDocumentsShapesAndRealisticReplies() {
        same(List.of());
        same(List.of(""));
        same(List.of("a", "", "b"));
        same(List.of("Hi, this is the Helpline. Reply YES to continue.\nPara español, responde ES.",
                "You're number 12 in the queue. If you are in danger now, call 999 & stay on the line <3",
                "Línea 1\r\nLínea 2 \"citas\" 'apóstrofos' ]]> 😀👍🏽 ¿sí?"));
        SplittableRandom random = new SplittableRandom(42);
        int[] alphabet = {'a', 'Z', ' ', '\n', '\r', '\t', '&', '<', '>', '"', '\'', 'é', 'ñ', '€', 0x85, 0x7F, 0x1,
                0x2028, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0x1F44D, 0x1F3FD, 0x10FFFF};
        for (int i = 0; i < 500; i++) {
            List<String> replies = new ArrayList<>();
            for (int r = random.nextInt(4); r >= 0; r--) {
                StringBuilder s = new StringBuilder();
                for (int k = random.nextInt(40); k > 0; k--) {
                    s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                }
                replies.add(s.toString());
            }
            same(replies);
        }
    }

    @Test
    void aLoneSurrogateIsRefusedAsTheSdkRefusesIt() {
        List<String> lone = List.of("broken \uD800 text");
        assertThrows(TwiMLException.class, () -> sdk(lone));
        assertThrows(IllegalArgumentException.class, () -> Twiml.messages(lone));
        assertThrows(IllegalArgumentException.class, () -> Twiml.messages(List.of("ends high \uD83D")));
        assertThrows(IllegalArgumentException.class, () -> Twiml.messages(List.of("\uDE00 low first")));
    }
}
