package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParserTest {
    private static Map<String, String> parse(String s) {
        return FormParser.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesPlusPercentAndUtf8() {
        Map<String, String> m = parse("Body=hola+qu%C3%A9+tal+%F0%9F%98%AD&From=%2B447700900123&Empty=&Flag");
        assertEquals("hola qué tal 😭", m.get("Body"));
        assertEquals("+447700900123", m.get("From"));
        assertEquals("", m.get("Empty"));
        assertEquals("", m.get("Flag"));
    }

    @Test
    void refusesInvalidUtf8EscapesDuplicatesAndNamelessFields() {
        assertEquals("form body is not valid UTF-8",
                assertThrows(FormParser.FormException.class, () -> parse("Body=%C3%28")).getMessage());
        assertThrows(FormParser.FormException.class, () -> parse("Body=%ZZ"));
        assertThrows(FormParser.FormException.class, () -> parse("Body=abc%4"));
        assertThrows(FormParser.FormException.class, () -> parse("Body=a&Body=b"));
        assertThrows(FormParser.FormException.class, () -> parse("=value"));
        assertThrows(FormParser.FormException.class, () -> parse("a=1&" + "x=1&".repeat(300).replaceAll(
                "x=1&", "") + java.util.stream.IntStream.range(0, 300).mapToObj(i -> "k" + i + "=v")
                .reduce((x, y) -> x + "&" + y).orElseThrow()));
    }

    @Test
    void asciiAndRawBytesTakeTheSameStrictPath() {
        assertEquals("AB\0~", parse("x=%41%42%00%7E").get("x"), "escaped ASCII, control characters included");
        byte[] rawUtf8 = "Body=caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", FormParser.parse(rawUtf8).get("Body"), "unescaped UTF-8 is decoded as UTF-8");
        byte[] rawLatin1 = {'B', '=', 'c', 'a', 'f', (byte) 0xE9};
        assertEquals("form body is not valid UTF-8",
                assertThrows(FormParser.FormException.class, () -> FormParser.parse(rawLatin1)).getMessage());
    }

    @Test
    void emptyBodyIsNoFields() {
        assertEquals(Map.of(), FormParser.parse(new byte[0]));
    }
}
