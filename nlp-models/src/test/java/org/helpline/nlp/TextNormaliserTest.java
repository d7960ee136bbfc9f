package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void expandsSelfHarmAlgospeak() {
        assertEquals("i want to kill myself", TextNormaliser.normalise("i wanna kms"));
        assertEquals("people keep saying kill yourself", TextNormaliser.normalise("people keep saying kys"));
        assertEquals("i want to kill myself", TextNormaliser.normalise("i want to unalive myself"));
        assertEquals("thinking about suicide", TextNormaliser.normalise("thinking about sewer slide"));
        assertEquals("thinking about suicide", TextNormaliser.normalise("thinking about sewerslide"));
        assertEquals("self harm again", TextNormaliser.normalise("s/h again"));
        assertEquals("i relapsed on self harm", TextNormaliser.normalise("i relapsed on sh"));
    }

    @Test
    void expandsSmsShorthandAndSexualAlgospeak() {
        assertEquals("he wants your nude pictures right now", TextNormaliser.normalise("he wants ur nudes rn"));
        assertEquals("send you pictures", TextNormaliser.normalise("send u pics"));
        assertEquals("i am scared because he is outside", TextNormaliser.normalise("im scared cuz he is outside"));
        assertEquals("see you before tonight", TextNormaliser.normalise("see u b4 2nite"));
    }

    @Test
    void undoesLeetspeakButKeepsNumbers() {
        assertEquals("i want to kill myself", TextNormaliser.normalise("i want to k1ll mys3lf"));
        assertEquals("suicide", TextNormaliser.normalise("su1c1de"));
        assertEquals("i took 20 pills at 10pm", TextNormaliser.normalise("i took 20 pills at 10pm"));
    }

    @Test
    void foldsCaseWidthDiacriticsAndRepeats() {
        assertEquals("help me", TextNormaliser.normalise("ＨＥＬＰ ME"));
        assertEquals("nadie me quiere", TextNormaliser.normalise("Nadie me quiere"));
        assertEquals("estoy muy triste", TextNormaliser.normalise("Estoy muy TRÍSTE"));
        assertEquals("pleasee hellpp", TextNormaliser.normalise("pleaseeeeee hellllppp"));
        assertEquals("i don't know", TextNormaliser.normalise("I don’t know"));
    }

    @Test
    void turnsMeaningfulEmojiIntoWords() {
        assertEquals("pills tonight", TextNormaliser.normalise("💊 tonight"));
        assertTrue(TextNormaliser.normalise("🔪🩸").contains("knife"));
        assertTrue(TextNormaliser.normalise("i'm dead 💀").endsWith("skull"));
    }

    @Test
    void deadAsAnIntensifierMeansVery() {
        assertEquals("i am very serious lol", TextNormaliser.normalise("im dead serious lol"));
        assertEquals("he's very good at football", TextNormaliser.normalise("he's dead good at football"));
        assertEquals("very tired after training", TextNormaliser.normalise("ded tired after training"));
        // death and the wish to die are untouched
        assertEquals("i am dead inside", TextNormaliser.normalise("i'm dead inside"));
        assertEquals("i wish i was dead", TextNormaliser.normalise("i wish i was dead"));
        assertEquals("better off dead seriously", TextNormaliser.normalise("better off dead seriously"));
        assertEquals("i'd rather be dead good luck", TextNormaliser.normalise("i'd rather be dead good luck"));
        assertEquals("i want to be dead right now", TextNormaliser.normalise("i wanna be dead rn"));
        assertEquals("deadline tomorrow", TextNormaliser.normalise("deadline tomorrow"));
    }

    @Test
    void myselfAsTheOneServedIsDropped() {
        assertEquals("i made a sandwich", TextNormaliser.normalise("i made myself a sandwich"));
        assertEquals("cut another piece of pizza", TextNormaliser.normalise("cut myself another piece of pizza"));
        // the one harmed is untouched
        assertEquals("i cut myself a lot", TextNormaliser.normalise("i cut myself a lot"));
        assertEquals("i cut myself a few times", TextNormaliser.normalise("i cut myself a few times"));
        assertEquals("cut myself a slice of my arm", TextNormaliser.normalise("cut myself a slice of my arm"));
    }

    @Test
    void tokensKeepApostrophesAndQuestionMarks() {
        assertArrayEquals(new String[] {"i", "don't", "know", "?", "help"},
                TextNormaliser.normalisedTokens("I don't know?? help..."));
        assertArrayEquals(new String[0], TextNormaliser.normalisedTokens("  ...  "));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertEquals("", TextNormaliser.normalise(null));
        assertEquals("", TextNormaliser.normalise("   "));
    }
}
