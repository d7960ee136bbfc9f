package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.Test;

class OpenNlpLanguageDetectorTest {
    private final OpenNlpLanguageDetector detector = OpenNlpLanguageDetector.load(List.of("en", "es"));

    @Test
    void ownContextAgreesWithOpenNlpsDetector() {
        // our fast n-gram context must give the same best language as LanguageDetectorME on the same model
        LanguageDetectorME reference = new LanguageDetectorME(detector.model());
        MaxentModel maxent = detector.model().getMaxentModel();
        for (String text : List.of("my friends keep posting mean things about me in the group chat",
                "mis amigos siguen publicando cosas feas sobre mi en el grupo",
                "mes amis publient des choses méchantes sur moi dans le groupe",
                "meine freunde posten gemeine sachen über mich in der gruppe",
                "meus amigos continuam postando coisas maldosas sobre mim no grupo")) {
            double[] p = maxent.eval(OpenNlpLanguageDetector.context(text.toLowerCase()));
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            assertEquals(reference.predictLanguage(text).getLang(), maxent.getOutcome(best), text.length() + " chars");
        }
    }

    @Test
    void tellsTheLanguageAMessageIsWrittenInEvenWhenWeDoNotShipIt() {
        for (var expected : java.util.Map.of(
                "Hallo, ich brauche Hilfe, meine Mutter schlägt mich", "de",
                "ich will nicht mehr leben", "de",
                "مرحبا أنا بحاجة إلى مساعدة", "ar",
                "أريد أن أموت", "ar",
                "je veux mourir, personne ne m'aime", "fr",
                "nataka kufa, nisaidie tafadhali", "sw").entrySet()) {
            LanguageGuess g = detector.written(expected.getKey());
            assertEquals(expected.getValue(), g.language(), expected.getKey());
            org.junit.jupiter.api.Assertions.assertTrue(g.confidence() >= 0.6, expected.getKey() + ": " + g);
        }
    }

    @Test
    void ordinaryEnglishAndSpanishAreNeverTakenForAnotherLanguageWithConfidence() {
        // short texts the model gets wrong (Basque, Latin, Esperanto, Malagasy...) stay under the 0.6 share
        for (String text : List.of("hola, tengo una pregunta", "no se que hacer", "mi novio me pega",
                "tengo miedo de mi papa", "i feel so alone and nobody gets me", "wat do i do bro",
                "lol idk what to say tbh", "hi i need some help with something", "me siento muy solo y nadie me entiende",
                "someone is asking me for pics", "alguien me pide fotos", "counsellor please", "ok thanks",
                "help me pls", "no quiero", "estoy triste", "i want to die", "quiero morir", "thank u so much",
                "hello?? anyone there", "jajaja ok", "sii gracias", "necesito ayuda", "idk man")) {
            LanguageGuess g = detector.written(text);
            if (g == null) {
                continue;   // too short to tell
            }
            boolean shipped = g.language().equals("en") || g.language().equals("es");
            org.junit.jupiter.api.Assertions.assertTrue(shipped || g.confidence() < 0.6, text + ": " + g);
        }
        assertEquals(null, detector.written("yes"));
        assertEquals(null, detector.written("ok 👍"));
    }

    @Test
    void picksAShippedLanguage() {
        assertEquals("es", detector.detect("hola no se que hacer, mis companeros me molestan todos los dias", "en")
                .language());
        assertEquals("en", detector.detect("i dont know what to do, people at school keep bullying me", "es")
                .language());
    }

    @Test
    void shortOrUnclearTextKeepsTheKnownLanguage() {
        assertEquals("es", detector.detect("ok 😭", "es").language());
        assertEquals("en", detector.detect("lol", "en").language());
        assertEquals("es", detector.detect("hi", "es").language());
    }

    @Test
    void unknownFallbackUsesTheFirstShippedLanguage() {
        assertEquals("en", detector.detect("ok", "fr").language());
        assertEquals("en", detector.detect("ok", null).language());
    }
}
