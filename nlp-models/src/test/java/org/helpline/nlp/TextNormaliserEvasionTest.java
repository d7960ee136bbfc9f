package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The steps that undo the tricks hiding a word ("nothing hides a crisis"): invisible characters, look-alike letters
 * from other scripts and spaced-out letters. One test per rule of the {@link TextNormaliser} class comment.
 */
class TextNormaliserEvasionTest {
    private static final String CRISIS = "I want to kill myself tonight";
    private static final String CRISIS_NORMAL = "i want to kill myself tonight";
    private final KeywordClassifier lexicon = new KeywordClassifier();

    // ---- invisible characters ----

    @Test
    void formatCharactersInsideAWordAreRemoved() {
        for (String invisible : List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202A", "\u202B",
                "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u180E",
                "\u2061", "\u034F", "\u3164", "\uFE0F", "\uDB40\uDC01", "\uDB40\uDC6B", "\uDB40\uDC7F")) {
            String hidden = "I want to ki" + invisible + "ll my" + invisible + "self to" + invisible + "night";
            String name = "U+" + Integer.toHexString(invisible.codePointAt(0));
            assertEquals(CRISIS_NORMAL, TextNormaliser.normalise(hidden), name);
            assertEquals(RiskTier.IMMINENT, lexicon.assess(hidden, "en").tier(), name);
        }
    }

    @Test
    void everyFormatCharacterIsRemoved() {
        int checked = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.FORMAT) {
                assertEquals("kill", TextNormaliser.normalise("ki" + Character.toString(cp) + "ll"),
                        "U+" + Integer.toHexString(cp));
                checked++;
            }
        }
        assertTrue(checked > 150, checked + " format characters");
    }

    @Test
    void otherSpacesArePlainSpaces() {
        for (String space : List.of("\u00A0", "\u1680", "\u2000", "\u2002", "\u2003", "\u2007", "\u2009", "\u200A",
                "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\u0085", "\u2800")) {
            assertEquals("kill myself", TextNormaliser.normalise("kill" + space + "myself"),
                    "U+" + Integer.toHexString(space.codePointAt(0)));
        }
        assertEquals("kill myself", TextNormaliser.normalise("k\u00A0i\u00A0l\u00A0l\u3000\u3000m\u2009y\u2009s\u2009e"
                + "\u2009l\u2009f"));
    }

    @Test
    void emojiStillBecomeWordsWithJoinersAndVariationSelectors() {
        assertEquals("love you", TextNormaliser.normalise("\u2764\uFE0F u"));
        assertEquals("pills tonight", TextNormaliser.normalise("\uD83D\uDC8A\u200D tonight"));
        assertEquals("knife", TextNormaliser.normalise("\uD83D\uDD2A\uFE0F"));
        assertTrue(TextNormaliser.normalise("\uD83D\uDD2A\u200D\uD83E\uDE78").contains("knife"));
    }

    // ---- look-alike letters ----

    @Test
    void cyrillicAndGreekLookAlikesInALatinWordAreFolded() {
        assertEquals("kill", TextNormaliser.normalise("k\u0456ll"));                  // Cyrillic і
        assertEquals("suicide", TextNormaliser.normalise("\u0455uicide"));           // Cyrillic ѕ
        assertEquals("myself", TextNormaliser.normalise("m\u0443self"));             // Cyrillic у
        assertEquals("i want to kill myself tonight",
                TextNormaliser.normalise("I w\u0430nt t\u043E \u043A\u0456ll m\u0443\u0455\u0435lf t\u043Enight"));
        assertEquals("kill myself", TextNormaliser.normalise("k\u03B9ll m\u03B3self"));  // Greek ι, γ
        assertEquals("practice", TextNormaliser.normalise("pra\u03F2tice"));          // lunate sigma ϲ (NFKC: ς)
        assertEquals("self harm", TextNormaliser.normalise("\u0455\u0435lf h\u0430rm"));
        assertEquals("kill myself", TextNormaliser.normalise("\u041A\u0406LL MY\u0405ELF"));  // capitals: К І Ѕ
        assertEquals("kill myself", TextNormaliser.normalise("\u039A\u0399LL \u039C\u03A5SELF"));  // Greek Κ Ι Μ Υ
        assertEquals("i want to die", TextNormaliser.normalise("i w\u03B1nt \u03C4\u03BF d\u03B9\u03B5"));
        // every mapped lower-case letter, in a Latin word
        String[][] pairs = {{"\u0430", "a"}, {"\u0432", "b"}, {"\u0435", "e"}, {"\u0456", "i"}, {"\u0458", "j"},
            {"\u043E", "o"}, {"\u0440", "p"}, {"\u0441", "c"}, {"\u0443", "y"}, {"\u0445", "x"}, {"\u0455", "s"},
            {"\u0501", "d"}, {"\u04CF", "l"}, {"\u043A", "k"}, {"\u043C", "m"}, {"\u043D", "h"}, {"\u0442", "t"},
            {"\u04BB", "h"}, {"\u051B", "q"}, {"\u051D", "w"}, {"\u03B1", "a"}, {"\u03BF", "o"}, {"\u03B5", "e"},
            {"\u03B9", "i"}, {"\u03BA", "k"}, {"\u03BD", "v"}, {"\u03C1", "p"}, {"\u03C4", "t"}, {"\u03C5", "u"},
            {"\u03C7", "x"}, {"\u03C9", "w"}, {"\u03B7", "n"}, {"\u03B3", "y"}, {"\u0131", "i"}};
        for (String[] p : pairs) {
            assertEquals("z" + p[1] + "z", TextNormaliser.normalise("z" + p[0] + "z"), p[0]);
        }
    }

    @Test
    void aWordOfOnlyLookAlikesIsFoldedInALatinMessage() {
        assertEquals("i want to die", TextNormaliser.normalise("\u0456 want \u0442\u043E die"));  // і, то
        assertEquals("sos help me", TextNormaliser.normalise("\u0455\u043E\u0455 help me"));                   // ѕоѕ
        assertEquals("he wants sex pictures", TextNormaliser.normalise("he wants \u0455\u0435\u0445 pics"));
        assertEquals("kill myself", TextNormaliser.normalise("\u043A\u0456\u04CF\u04CF myself"));
    }

    @Test
    void russianAndGreekMessagesAreLeftAlone() {
        assertEquals("я хочу умереть", TextNormaliser.normalise("я хочу умереть"));
        assertEquals("θελω να πεθανω", TextNormaliser.normalise("θέλω να πεθάνω"));
        assertEquals("θελω και εγω", TextNormaliser.normalise("θέλω και εγώ"));         // και, εγώ: only look-alikes
        assertEquals("привет, как дела?", TextNormaliser.normalise("Привет, как дела?"));  // как: only look-alikes
        assertEquals("мне очень плохо", TextNormaliser.normalise("Мне очень плохо"));
        assertEquals("сос", TextNormaliser.normalise("сос"));  // a whole message of look-alikes
        // a Latin word in a Russian message does not make the Russian words Latin
        assertEquals("я хочу kill", TextNormaliser.normalise("я хочу kill"));
        assertEquals("я хочу к тебе ok", TextNormaliser.normalise("я хочу к тебе ok"));
    }

    @Test
    void smallCapitalsAndDotlessLettersAreFolded() {
        assertEquals("kill myself",
                TextNormaliser.normalise("\u1D0B\u026A\u029F\u029F \u1D0D\u028F\uA731\u1D07\u029F\uA730"));
        assertEquals("kill", TextNormaliser.normalise("k\u0131ll"));
        // mathematical bold 𝐤𝐦𝐬, made Latin by NFKC
        assertEquals("kill myself", TextNormaliser.normalise("\uD835\uDC24\uD835\uDC26\uD835\uDC2C"));
    }

    @Test
    void leetspeakStillWorksAfterFolding() {
        assertEquals("kill myself", TextNormaliser.normalise("\u043A1\u04CF\u04CF m\u0443s3lf"));  // к1ӏӏ mуs3lf
        assertEquals("suicide", TextNormaliser.normalise("su1\u0441\u0456d\u0435"));
        assertEquals("see you before tonight", TextNormaliser.normalise("see u \u04324 2n\u0456te"));  // в4
        assertEquals("i took 20 pills at 10pm", TextNormaliser.normalise("i t\u043Eok 20 p\u0456lls at 10pm"));
    }

    // ---- spaced-out letters ----

    @Test
    void spacedOutLettersAreJoined() {
        assertEquals("kill myself", TextNormaliser.normalise("k i l l  m y s e l f"));
        assertEquals("kill myself", TextNormaliser.normalise("k.i.l.l m.y.s.e.l.f"));
        assertEquals("suicide", TextNormaliser.normalise("s-u-i-c-i-d-e"));
        assertEquals("kill", TextNormaliser.normalise("k_i_l_l"));
        assertEquals("kill", TextNormaliser.normalise("k*i*l*l"));
        assertEquals("i want to kill myself tonight", TextNormaliser.normalise("I want to K I L L myself tonight"));
        assertEquals("i want to kill myself", TextNormaliser.normalise("i want to  k i l l   m y s e l f"));
        assertEquals("i want to die", TextNormaliser.normalise("i want to d i e"));
        assertEquals("i want to die", TextNormaliser.normalise("i w.a.n.t to d-i-e"));
        assertEquals("kill myself", TextNormaliser.normalise("k i l l m.y.s.e.l.f"));
        assertEquals("thinking about suicide.", TextNormaliser.normalise("thinking about s.u.i.c.i.d.e."));
        assertEquals("kill myself", TextNormaliser.normalise("k m s"));
        assertEquals("quiero morir", TextNormaliser.normalise("q u i e r o  m o r i r"));
        assertEquals("me voy a matar", TextNormaliser.normalise("me voy a  m a t a r"));
        assertEquals("me voy a matar", TextNormaliser.normalise("me voy a m.a.t.a.r"));
        assertEquals("kill", TextNormaliser.normalise("k\u200B i l l"));
        assertEquals("kill", TextNormaliser.normalise("k \u0456 l l"));
        assertEquals(RiskTier.IMMINENT, lexicon.assess("i want to  k i l l  m y s e l f  tonight", "en").tier());
        assertEquals(RiskTier.HIGH, lexicon.assess("s-u-i-c-i-d-e", "en").tier());
    }

    @Test
    void leetDigitsMayStandForALetterInsideASpacedOutWord() {
        assertEquals("kill myself", TextNormaliser.normalise("k 1 l l  m y s 3 l f"));
        assertEquals("die", TextNormaliser.normalise("d 1 e"));
        assertEquals("2 kill 5", TextNormaliser.normalise("2 k i l l 5"));  // a run starts and ends with a letter
        assertEquals("1 2 3 4", TextNormaliser.normalise("1 2 3 4"));
        assertEquals("a 1 b", TextNormaliser.normalise("a 1 b"));
    }

    @Test
    void ordinaryTextIsNotGlued() {
        assertEquals("i am ok", TextNormaliser.normalise("i am ok"));
        assertEquals("you are a star", TextNormaliser.normalise("u r a star"));
        assertEquals("i c you", TextNormaliser.normalise("i c u"));
        assertEquals("y are you sad", TextNormaliser.normalise("y r u sad"));
        assertEquals("un desconocido me pregunto donde vivo y a que cole voy",
                TextNormaliser.normalise("un desconocido me pregunto donde vivo y a q cole voy"));
        assertEquals("plan a or b", TextNormaliser.normalise("plan a or b"));
        assertEquals("e.g. this, i.e. that", TextNormaliser.normalise("e.g. this, i.e. that"));
        assertEquals("a.k.a the boss", TextNormaliser.normalise("a.k.a the boss"));
        assertEquals("t-shirt and x-ray", TextNormaliser.normalise("t-shirt and x-ray"));
        assertEquals("i took 2 or 3", TextNormaliser.normalise("i took 2 or 3"));
        assertEquals("to die", TextNormaliser.normalise("to d i e"));       // the whole word "to" is never glued on
        assertEquals("a b", TextNormaliser.normalise("a b"));               // two letters are not a run
    }

    // ---- fast paths ----

    @Test
    void plainAsciiIsReturnedAsItIs() {
        for (String s : List.of("", "i want to kill myself tonight", "he is outside my house", "i am ok", "u r a star",
                "k.i", "a-b", "2 k", "i c u", "tab\there")) {
            assertSame(s, TextNormaliser.stripInvisible(s), s);
            assertSame(s, TextNormaliser.foldLookalikes(s), s);
            assertSame(s, TextNormaliser.joinSpacedLetters(s), s);
        }
        String accents = "estoy muy tríste, niño";
        assertSame(accents, TextNormaliser.stripInvisible(accents));
        assertSame(accents, TextNormaliser.foldLookalikes(accents));
    }
}
