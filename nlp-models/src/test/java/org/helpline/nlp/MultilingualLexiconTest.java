package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * The crisis safety net in French, Portuguese, Swahili, Arabic and Hindi: the lexicons {@code keywords/{fr,pt,sw,ar,hi}.tsv}
 * run on every message whatever language is detected, so a crisis message in one of these languages is never NONE,
 * and ordinary chat in them stays below HIGH.
 *
 * <p>The negation list of {@link KeywordClassifier} is English and Spanish only, so negated messages in the new
 * languages are only checked not to fail; nothing is asserted about their tier.
 */
class MultilingualLexiconTest {
    private static final List<String> NEW = List.of("fr", "pt", "sw", "ar", "hi");
    private static final KeywordClassifier LEXICON =
            new KeywordClassifier(List.of("en", "es", "fr", "pt", "sw", "ar", "hi"));

    /** Explicit first-person statements of suicide or self-harm: HIGH or above, explicit, emergency numbers. */
    static final Map<String, List<String>> EXPLICIT = Map.of(
            "fr", List.of(
                    "jveux mourir",
                    "j'ai envie de mourir, personne me comprend",
                    "jai envie de mourir serieux",
                    "g envie de mourir",
                    "je veux mourir j'en peux plus",
                    "Je Veux Mourir",
                    "je voudrais mourir",
                    "je pense à me suicider depuis des semaines",
                    "chui pas bien je veux me tuer",
                    "je suis suicidaire je crois",
                    "je me scarifie encore depuis hier",
                    "je me fais du mal quand ça va pas",
                    "j'ai envie de me faire du mal",
                    "je veux plus vivre comme ça",
                    "j'ai plus envie de vivre",
                    "je veux mettre fin à mes jours",
                    "ils seraient tous mieux sans moi",
                    "j'ai envie de me foutre en l’air",
                    "je m'automutile depuis 2 ans"),
            "pt", List.of(
                    "quero morrer",
                    "qro morrer ngm liga pra mim",
                    "kero morrer sério",
                    "eu só quero morre",
                    "só queria morrer",
                    "to com vontade de morrer",
                    "tô pensando em me matar",
                    "eu quero me matar",
                    "tenho vontade de me matar",
                    "eu me cortei de novo ontem",
                    "to me cortando de novo",
                    "voltei a me cortar",
                    "não quero mais viver",
                    "nao quero mais viver assim",
                    "queria estar morta",
                    "todo mundo estaria melhor sem mim",
                    "quero me suicidar",
                    "apetece-me morrer",
                    "penso em suicidar-me"),
            "sw", List.of(
                    "nataka kufa",
                    "nataka kufa tu sina mtu",
                    "natamani kufa kila siku",
                    "ni bora nife",
                    "nataka kujiua",
                    "nafikiria kujiua",
                    "nina mawazo ya kujiua",
                    "najikata mikono",
                    "ninajikata tena",
                    "nimejikata leo",
                    "nilijikata jana usiku",
                    "sitaki kuishi tena",
                    "sina sababu ya kuishi",
                    "nimejaribu kujiua mara mbili",
                    "nataka kujitoa uhai",
                    "najidhuru kila siku",
                    "nataka kudedi"),
            "ar", List.of(
                    "أريد أن أموت",
                    "اريد ان اموت",
                    "بدي موت",
                    "والله بدي موت",
                    "انا عايز اموت",
                    "انا عايزة اموت خلاص",
                    "ابغى اموت",
                    "نفسي اموت",
                    "عايزه اموت",
                    "جرحت نفسي",
                    "ما بدي عيش",
                    "أريد أن أنتحر",
                    "بدي اقتل حالي",
                    "أريد أن أقتل نفسي",
                    "أنا أجرح نفسي كل يوم",
                    "اوذي نفسي",
                    "لا أريد أن أعيش",
                    "مش عايز اعيش",
                    "ana 3ayez amoot",
                    "bedi moot"),
            "hi", List.of(
                    "मैं मरना चाहता हूँ",
                    "मैं मरना चाहती हूं",
                    "मैं मर जाना चाहती हूँ",
                    "मेरा मरने का मन करता है",
                    "काश मैं मर जाऊं",
                    "मुझे मरना है",
                    "मैं खुद को नुकसान पहुंचाती हूं",
                    "मैं खुद को काटती हूँ",
                    "main marna chahta hu",
                    "mai marna chahti hoon",
                    "mujhe marna hai bas",
                    "mar jana chahti hu",
                    "jeena nahi chahta ab",
                    "mujhe jeena nhi hai",
                    "suicide karna hai mujhe",
                    "khud ko khatam karna chahta hu",
                    "khud ko hurt karti hu",
                    "marne ka man karta hai"));

    /** A plan, means, timing or danger now. */
    static final Map<String, List<String>> IMMINENT = Map.of(
            "fr", List.of(
                    "je vais me suicider ce soir",
                    "jvais me tuer ce soir c fini",
                    "j'ai pris tous les cachets de ma mère",
                    "il est devant chez moi j'ai peur",
                    "je vais en finir ce soir",
                    "ça arrête pas de saigner",
                    "j'ai écrit ma lettre d'adieu"),
            "pt", List.of(
                    "vou me matar hoje",
                    "vo me matar hj",
                    "eu vou me suicidar essa noite",
                    "tomei todos os remédios da minha mãe",
                    "vou-me matar esta noite",
                    "ele ta me batendo agora socorro",
                    "não para de sangrar"),
            "sw", List.of(
                    "nitajiua leo usiku",
                    "nimemeza vidonge vyote",
                    "kwaheri milele",
                    "baba ananipiga sasa hivi",
                    "yuko nje ya nyumba yetu naogopa"),
            "ar", List.of(
                    "سأقتل نفسي الليلة",
                    "سأنتحر",
                    "رح انتحر الليلة",
                    "هقتل نفسي",
                    "أخذت كل الحبوب",
                    "أبي يضربني الآن"),
            "hi", List.of(
                    "आज रात मर जाऊंगी",
                    "मैंने सारी गोलियां खा ली",
                    "aaj raat mar jaungi",
                    "maine goliyan kha li hai",
                    "suicide kar lungi aaj",
                    "papa abhi mujhe maar rahe hai",
                    "पापा अभी मुझे मार रहे हैं"));

    /** Abuse, sexual abuse, sextortion, grooming and third-person suicide talk: HIGH or above. */
    static final Map<String, List<String>> HIGH = Map.of(
            "fr", List.of(
                    "mon beau-père me frappe",
                    "mes parents me frappent tous les soirs",
                    "il menace de publier mes photos si je paie pas",
                    "il me fait du chantage avec mes nudes",
                    "il veut me rencontrer et m'a dit de rien dire a mes parents",
                    "ma meilleure amie veut mourir",
                    "mon pote veut se suicider",
                    "mon oncle il me touche quand on est seuls",
                    "j'ai été violée",
                    "jsuis suicidaire"),
            "pt", List.of(
                    "meu padrasto me bate",
                    "o meu pai bate-me",
                    "ele ameaçou vazar minhas fotos",
                    "ele disse que vai postar minhas fotos se eu não mandar mais",
                    "minha amiga quer se matar",
                    "ele quer me conhecer pessoalmente e disse que é nosso segredo",
                    "meu tio abusou de mim",
                    "ele me estuprou"),
            "sw", List.of(
                    "baba wa kambo ananipiga",
                    "rafiki yangu anataka kujiua",
                    "alinibaka",
                    "mjomba ananibaka",
                    "anatishia kusambaza picha zangu za uchi",
                    "aliniambia ni siri yetu, usiwaambie wazazi",
                    "mjomba ananishika vibaya"),
            "ar", List.of(
                    "أبي يضربني",
                    "ابويا بيضربني",
                    "صاحبي عايز ينتحر",
                    "بدي انتحر",
                    "هو يبتزني بالصور",
                    "قال هذا سر بيننا",
                    "عمي اغتصبني"),
            "hi", List.of(
                    "papa mujhe marte hai",
                    "सौतेले पापा मुझे मारते हैं",
                    "वो मेरे साथ गलत काम करता है",
                    "uncle galat tarike se chhuta hai",
                    "वो मेरी फोटो वायरल कर देगा",
                    "bol raha hai photos viral kar dega",
                    "usne kaha ye hamara secret hai",
                    "meri dost khudkushi ki baat karti hai",
                    "मैं आत्महत्या करना चाहता हूं"));

    /** Ordinary chat, idioms with risk words included: nothing for the safety net. */
    static final Map<String, List<String>> ORDINARY = Map.of(
            "fr", List.of(
                    "salut ça va ?",
                    "je veux aller au cinéma ce soir",
                    "mort de rire 😂",
                    "ptdr je suis morte de rire",
                    "je meurs de faim, on mange quoi",
                    "ça me tue trop cette vidéo",
                    "tu me tues mdr",
                    "j'ai un contrôle de maths demain",
                    "ma mère fait des crêpes",
                    "il m'a battu à fifa hier soir",
                    "je veux mourir de rire",
                    "ma mère va me tuer si je rentre tard",
                    "je me suis coupé le doigt en cuisinant",
                    "ton message me touche beaucoup",
                    "on joue à fortnite ce soir ?",
                    "tu veux mourir ou quoi mdr",
                    "j'ai envie de dormir",
                    "ce qui me frappe c'est qu'il ment tout le temps",
                    "il me tape sur les nerfs"),
            "pt", List.of(
                    "oi tudo bem?",
                    "quero dormir",
                    "to morrendo de rir kkkk",
                    "morri de rir com esse meme",
                    "tô morrendo de fome",
                    "quero morrer de vergonha kkk",
                    "minha mae vai me matar se eu chegar tarde",
                    "minha mãe me pega na escola às 5",
                    "bora jogar free fire?",
                    "tenho prova de matemática amanhã",
                    "vou me matar de estudar essa semana",
                    "me cortei sem querer com papel",
                    "quero comer pizza",
                    "vou na casa da minha avó",
                    "que saudade de vc",
                    "bom dia"),
            "sw", List.of(
                    "habari yako",
                    "mambo vipi",
                    "nataka kula",
                    "nataka kulala",
                    "nimechoka sana leo",
                    "nakufa njaa",
                    "nataka kufa kwa kicheko",
                    "alinipiga picha shuleni",
                    "alinipiga stori jana",
                    "niko shule",
                    "tutaonana kesho",
                    "nataka kwenda sokoni",
                    "asante sana",
                    "napenda mpira",
                    "nimejikata kidole nikipika",
                    "nataka kufanya homework"),
            "ar", List.of(
                    "مرحبا كيف حالك",
                    "السلام عليكم",
                    "بموت من الضحك",
                    "هموت من الجوع",
                    "اموت فيك يا حبيبي",
                    "نفسي اموت فيه",
                    "عندي امتحان بكرة",
                    "بدي اكل",
                    "عايز انام",
                    "ابغى العب",
                    "شو في اليوم",
                    "حبيت الفيلم",
                    "ana 3ayez akol",
                    "bedi nam",
                    "يلا نلعب فورتنايت",
                    "شكرا كتير"),
            "hi", List.of(
                    "नमस्ते",
                    "आप कैसे हो",
                    "मैं स्कूल जाना चाहता हूं",
                    "मैं स्कूल जाना नहीं चाहता",
                    "मुझे भूख लगी है",
                    "कल मेरा एग्जाम है",
                    "आज रात मेरे घर पार्टी है",
                    "वो खुद को मेरा बॉयफ्रेंड कहता है",
                    "मरते दम तक याद रहेगा",
                    "hello kaise ho",
                    "main school ja raha hu",
                    "mujhe bhook lagi hai",
                    "kal cricket khelenge",
                    "hass hass ke mar gaya",
                    "marte dam tak dosti",
                    "bahut maza aaya"));

    /** Negated statements: the negation words exist only for English and Spanish. */
    static final Map<String, List<String>> NEGATED = Map.of(
            "fr", List.of("je ne veux pas mourir", "je vais jamais me suicider"),
            "pt", List.of("não quero morrer", "nunca vou me matar"),
            "sw", List.of("sitaki kufa", "sitajiua kamwe"),
            "ar", List.of("لا أريد أن أموت", "مش هنتحر"),
            "hi", List.of("मैं मरना नहीं चाहता", "main marna nahi chahta"));

    @Test
    void everyLanguageHasItsExamples() {
        for (String language : NEW) {
            assertTrue(EXPLICIT.get(language).size() >= 15, language);
            assertTrue(ORDINARY.get(language).size() >= 15, language);
            assertFalse(IMMINENT.get(language).isEmpty(), language);
            assertFalse(HIGH.get(language).isEmpty(), language);
        }
    }

    @Test
    void explicitCrisisMessagesAreHighExplicitAndGetTheEmergencyNumbers() {
        List<String> failures = new ArrayList<>();
        forEach(EXPLICIT, (language, message) -> {
            RiskAssessment a = LEXICON.assess(message, language);
            if (!a.tier().atLeast(RiskTier.HIGH) || !a.explicit() || !a.needsEmergencyNumbers()) {
                failures.add(language + ": '" + message + "' -> " + a.tier() + " explicit=" + a.explicit() + " "
                        + a.reasons());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void crisisMessagesCountWhateverLanguageIsDetected() {
        // the lexicons of every language run on every message: a wrong language guess costs nothing
        List<String> failures = new ArrayList<>();
        forEach(EXPLICIT, (language, message) -> {
            for (String detected : List.of("en", "es")) {
                RiskAssessment a = LEXICON.assess(message, detected);
                if (!a.tier().atLeast(RiskTier.HIGH) || !a.needsEmergencyNumbers()) {
                    failures.add(language + " as " + detected + ": '" + message + "' -> " + a.tier());
                }
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void imminentMessagesAreImminent() {
        List<String> failures = new ArrayList<>();
        forEach(IMMINENT, (language, message) -> {
            RiskAssessment a = LEXICON.assess(message, language);
            if (a.tier() != RiskTier.IMMINENT || !a.needsEmergencyNumbers()) {
                failures.add(language + ": '" + message + "' -> " + a.tier() + " " + a.reasons());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void abuseSextortionGroomingAndThirdPartyTalkAreAtLeastHigh() {
        List<String> failures = new ArrayList<>();
        forEach(HIGH, (language, message) -> {
            RiskAssessment a = LEXICON.assess(message, language);
            if (!a.tier().atLeast(RiskTier.HIGH)) {
                failures.add(language + ": '" + message + "' -> " + a.tier() + " " + a.reasons());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void ordinaryMessagesAndIdiomsAreNone() {
        List<String> failures = new ArrayList<>();
        forEach(ORDINARY, (language, message) -> {
            RiskAssessment a = LEXICON.assess(message, language);
            if (a.tier() != RiskTier.NONE) {
                failures.add(language + ": '" + message + "' -> " + a.tier() + " " + a.reasons());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void negatedMessagesDoNotFail() {
        forEach(NEGATED, (language, message) -> assertDoesNotThrow(() -> assertNotNull(
                LEXICON.assess(message, language).tier()), message));
        // English and Spanish negation still works with every lexicon loaded
        assertEquals(RiskTier.LOW, LEXICON.assess("i'm not going to kill myself", "en").tier());
        assertEquals(RiskTier.LOW, LEXICON.assess("no quiero morir", "es").tier());
    }

    @Test
    void lexiconsWithoutIntentLinesLoadAndPredictOther() {
        for (String language : NEW) {
            assertEquals(Intent.OTHER, LEXICON.predict("bonjour habari مرحبا नमस्ते", language).intent(), language);
            assertDoesNotThrow(() -> LEXICON.classify("je veux mourir", language));
        }
    }

    /**
     * Every risk phrase, written naturally in its file, still matches itself once normalised (Devanagari matras and
     * Arabic harakat are combining marks the normaliser removes), alone and inside a sentence, at its tier; a
     * {@code crisis} phrase is explicit. Each file holds 20-50 risk phrases, a header comment and mask lines.
     */
    @Test
    void everyPhraseMatchesItselfAtItsTier() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String language : NEW) {
            List<String> lines = lines(language);
            assertTrue(lines.get(0).startsWith("# Keyword lexicon"), language + ": header comment");
            int risks = 0;
            int masks = 0;
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                assertEquals(3, parts.length, language + ": " + line);
                assertEquals(parts[2].strip(), parts[2], language + ": stray white space in '" + parts[2] + "'");
                if (parts[0].equals("mask")) {
                    masks++;
                    continue;
                }
                if (parts[0].equals("cue")) {
                    // an imminence cue never raises a tier on its own (a shipped language's lexicon has them)
                    assertEquals(RiskTier.NONE, LEXICON.assess(parts[2], language).tier(), language + ": " + line);
                    continue;
                }
                assertEquals("risk", parts[0], language + ": only risk, mask and cue lines: " + line);
                risks++;
                boolean crisis = parts[1].equals("crisis");
                RiskTier expected = crisis ? RiskTier.HIGH : RiskTier.valueOf(parts[1].toUpperCase(Locale.ROOT));
                for (String message : List.of(parts[2], "ok so " + parts[2] + " idk", parts[2] + "...")) {
                    RiskAssessment a = LEXICON.assess(message, language);
                    if (!a.tier().atLeast(expected) || crisis && !(a.explicit() && a.needsEmergencyNumbers())) {
                        failures.add(language + " " + parts[1] + " '" + parts[2] + "' (normalised '"
                                + TextNormaliser.normalise(parts[2]) + "') in '" + message + "' -> " + a.tier()
                                + " explicit=" + a.explicit());
                    }
                }
            }
            // a safety-net lexicon stays small; a shipped language's (French) is a full one, like en.tsv and es.tsv
            int most = ModelResources.trainedLanguages().contains(language) ? 300 : 50;
            assertTrue(risks >= 20 && risks <= most, language + ": " + risks + " risk phrases");
            assertTrue(masks > 0, language + ": no mask lines");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static List<String> lines(String language) throws IOException {
        try (InputStream in = KeywordClassifier.class.getResourceAsStream("keywords/" + language + ".tsv")) {
            assertNotNull(in, "keywords/" + language + ".tsv");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
    }

    private interface Check {
        void accept(String language, String message);
    }

    private static void forEach(Map<String, List<String>> examples, Check check) {
        Predicate<String> known = NEW::contains;
        assertTrue(examples.keySet().stream().allMatch(known), examples.keySet().toString());
        for (String language : NEW) {
            for (String message : examples.get(language)) {
                check.accept(language, message);
            }
        }
    }
}
