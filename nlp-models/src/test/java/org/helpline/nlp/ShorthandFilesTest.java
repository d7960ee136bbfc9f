package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shorthand of the resource files reaches the normaliser, and none is shadowed by a Java map's entry. */
class ShorthandFilesTest {
    @Test
    void everyFileEntryExpandsAsWritten() {
        Map<String, String> entries = ShorthandFiles.load();
        assertFalse(entries.isEmpty(), "no normaliser file was read");
        entries.forEach((k, v) -> assertEquals(v, TextNormaliser.normalise(k),
                "'" + k + "' must expand to '" + v + "' (is it also in TextNormaliser's maps?)"));
    }

    @Test
    void frenchTeenShorthand() {
        assertEquals("je veux mourir", TextNormaliser.normalise("jveux mourir"));
        assertEquals("je sais pas pourquoi", TextNormaliser.normalise("jsp pk"));
        assertEquals("t'inquiete lol", TextNormaliser.normalise("tkt mdr"));
        assertEquals("j'en peux plus", TextNormaliser.normalise("JPP"));
        assertEquals("je suis desole", TextNormaliser.normalise("chui dsl"));
    }

    @Test
    void portugueseTeenShorthand() {
        assertEquals("voce sabe o que eu faco?", TextNormaliser.normalise("vc sabe oq eu faço?"));
        assertEquals("meu deus sei la", TextNormaliser.normalise("mds sla"));
        assertEquals("porque hoje nao", TextNormaliser.normalise("pq hj naum"));
        assertEquals("quero morrer", TextNormaliser.normalise("qro morrer"));
    }

    @Test
    void swahiliShorthandAndSheng() {
        assertEquals("sijui nifanye nini", TextNormaliser.normalise("cjui nifanye nini"));
        assertEquals("niko sawa sasa hivi", TextNormaliser.normalise("nko xawa sahii"));
        assertEquals("mtu wa shule", TextNormaliser.normalise("msee wa shule"));
        assertEquals("nataka kufa", TextNormaliser.normalise("nataka kudedi"));
        assertEquals("nitajiua", TextNormaliser.normalise("ntajiua"));
    }

    @Test
    void englishAndSpanishShorthandUnchanged() {
        assertEquals("kill myself", TextNormaliser.normalise("kms"));
        assertEquals("porque", TextNormaliser.normalise("pq"));
        assertEquals("i don't know", TextNormaliser.normalise("idk"));
    }
}
