package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tier rules a counsellor would agree with, one test a rule, on the shipped classifier. */
class RiskTierRulesTest {
    private static OpenNlpClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
    }

    private static RiskAssessment risk(String text) {
        return classifier.classify(text, "en").risk();
    }

    @Test
    void anExplicitStatementOfSuicideOrSelfHarmGetsTheEmergencyNumbers() {
        for (String text : List.of("i want to die", "i wanna kms fr", "i cut myself again", "im gonna end my life",
                "i dont want to live anymore", "quiero morir", "je veux mourir")) {
            RiskAssessment a = risk(text);
            assertTrue(a.tier().atLeast(RiskTier.HIGH), text + ": " + a);
            assertTrue(a.needsEmergencyNumbers(), text + ": " + a);
        }
    }

    /** The ways real posts say it that the lexicon lacked (issue 16): explicit, so the numbers come at once. */
    @Test
    void theWaysRealPostsStateItAreExplicitToo() {
        for (String text : List.of("im thinking about ending it", "i want to take my life", "i just want to end it",
                "i dont want to be alive", "i wish i was never born", "im ending it all", "ive been thinking about "
                        + "offing myself", "i hope i dont wake up tomorrow", "i self harmed last week",
                "i want to end it all")) {
            RiskAssessment a = risk(text);
            assertTrue(a.tier().atLeast(RiskTier.HIGH), text + ": " + a);
            assertTrue(a.needsEmergencyNumbers(), text + ": " + a);
        }
        for (String text : List.of("i dont know how much longer i can do this", "i gave away my stuff to my friends",
                "my family would be fine without me", "everyone would be happier if i wasnt around")) {
            RiskAssessment a = risk(text);
            assertTrue(a.tier().atLeast(RiskTier.HIGH), "despair, preparation, a burden: a counsellor: " + a);
        }
    }

    @Test
    void theWritersOwnStatementIsAboutTheWriterWhoeverElseIsMentioned() {
        for (String text : List.of("my friends stopped talking to me and i dont want to wake up tomorrow",
                "my girlfriend left me and everyone would be better off without me",
                "my brother took my phone again and i want to kill myself")) {
            RiskAssessment a = risk(text);
            assertTrue(a.tier().atLeast(RiskTier.HIGH), text + ": " + a);
            assertFalse(a.aboutThirdParty(), "the writer's own risk: " + text + ": " + a);
        }
        assertTrue(risk("my friend says she wants to die").aboutThirdParty());
    }

    @Test
    void endingARelationshipIsNotEndingALife() {
        for (String text : List.of("i want to end it with my boyfriend", "im going to end things with her")) {
            RiskAssessment a = risk(text);
            assertFalse(a.explicit(), text + ": " + a);
            assertFalse(a.needsEmergencyNumbers(), text + ": " + a);
        }
        RiskAssessment means = risk("i want to end it with pills");
        assertTrue(means.needsEmergencyNumbers(), "means are never masked: " + means);
    }

    @Test
    void aNegatedOrReportedStatementIsNotExplicit() {
        RiskAssessment negated = risk("im not going to kill myself");
        assertTrue(negated.tier().atLeast(RiskTier.LOW), negated.toString());
        assertFalse(negated.explicit(), "a denial is not a statement: " + negated);
        RiskAssessment friend = risk("my friend says she wants to die");
        assertTrue(friend.tier().atLeast(RiskTier.HIGH) && friend.aboutThirdParty(), friend.toString());
        assertFalse(friend.explicit(), "about someone else: " + friend);
    }

    @Test
    void planMeansTimingOrDangerNowIsImminent() {
        for (String text : List.of("i took the pills", "i have the pills here and im doing it tonight",
                "he is outside my house", "he is outside", "i want to kill myself tonight", "goodbye forever")) {
            assertEquals(RiskTier.IMMINENT, risk(text).tier(), text + ": " + risk(text));
        }
    }

    @Test
    void timeWordsAloneNeverRaiseATier() {
        for (String base : List.of("see you", "what are you doing", "the match is on", "i have homework",
                "can we go to the cinema", "my mum is cooking dinner")) {
            RiskTier without = risk(base).tier();
            for (String time : List.of(" tonight", " today", " right now", " now", " rn", " in an hour")) {
                RiskTier with = risk(base + time).tier();
                assertFalse(with.atLeast(RiskTier.HIGH) && !without.atLeast(RiskTier.HIGH),
                        "'" + base + time + "' is " + with + " but '" + base + "' is " + without);
            }
        }
        assertFalse(risk("idk everything is just too much rn").tier() == RiskTier.IMMINENT, "'rn' is not a plan");
    }

    @Test
    void ordinaryRequestsStartingIWantAreNone() {
        for (String text : List.of("i want an alarm for 6 am", "i want to track a parcel",
                "i want to book a table for two", "i want to know the weather tomorrow", "i want pizza tonight",
                "i want to change my pin", "i want to play fortnite")) {
            assertEquals(RiskTier.NONE, risk(text).tier(), text + ": " + risk(text));
        }
    }

    @Test
    void aGreetingOrAMenuReplyIsNeverEscalated() {
        for (String text : List.of("hi", "hello", "yes", "no", "1", "2", "ok", "thanks", "menu", "hey there")) {
            assertFalse(risk(text).tier().atLeast(RiskTier.HIGH), text + ": " + risk(text));
        }
    }

    @Test
    void theCuratedModelsHighIsCorroboratedByOddsNotByAShareOfTheProbability() {
        // A long post (threshold near 1): P = 0.9 is 70% of 0.975 but odds of 9 against 39 at the threshold.
        OpenNlpRiskAssessor.Evidence longPost = new OpenNlpRiskAssessor.Evidence(0.9, 600, RiskTier.NONE,
                RiskTier.HIGH, "en");
        assertEquals(RiskTier.NONE, longPost.others(0.975));
        assertFalse(longPost.flagged(0.975));
        OpenNlpRiskAssessor.Evidence strongerPost = new OpenNlpRiskAssessor.Evidence(0.96, 600, RiskTier.NONE,
                RiskTier.HIGH, "en");
        assertEquals(RiskTier.HIGH, strongerPost.others(0.975));
        // An SMS (threshold 0.26): some real-text evidence corroborates, a little makes LOW, none makes nothing.
        assertEquals(RiskTier.HIGH, evidence(0.16).others(0.26));
        assertEquals(RiskTier.LOW, evidence(0.14).others(0.26));
        assertEquals(RiskTier.NONE, evidence(0.05).others(0.26));
        // The lexicon's tier holds whatever the threshold.
        assertTrue(new OpenNlpRiskAssessor.Evidence(0.01, 20, RiskTier.HIGH, RiskTier.NONE, "en").flagged(0.99));
    }

    @Test
    void inALanguageTheRealTextModelDoesNotCoverTheCuratedHighStandsAlone() {
        // French (issue 19): the real-text model never learnt French risk, so nothing can corroborate
        assertEquals(RiskTier.HIGH, new OpenNlpRiskAssessor.Evidence(0.01, 40, RiskTier.NONE, RiskTier.HIGH, "fr",
                false).others(0.26));
        assertEquals(RiskTier.NONE, new OpenNlpRiskAssessor.Evidence(0.01, 40, RiskTier.NONE, RiskTier.HIGH, "en",
                true).others(0.26));
        assertTrue(RealRiskModel.loadDefault().covers("en") && RealRiskModel.loadDefault().covers("es"));
        assertFalse(RealRiskModel.loadDefault().covers("fr"), "retrained with French? then drop this rule's test");
        OpenNlpClassifier c = OpenNlpClassifier.loadDefault();
        assertEquals(RiskTier.IMMINENT, c.classify("je vais prendre des médicaments ce soir", "fr").risk().tier());
        assertTrue(c.classify("jveux mourir", "fr").risk().needsEmergencyNumbers());
        assertEquals(RiskTier.NONE, c.classify("mdr ce prof me tue avec ses devoirs", "fr").risk().tier());
        // Portuguese (issue 19) likewise
        assertFalse(RealRiskModel.loadDefault().covers("pt"), "retrained with Portuguese? then drop this rule's test");
        assertTrue(c.classify("qro morrer, ngm liga pra mim", "pt").risk().needsEmergencyNumbers());
        assertEquals(RiskTier.IMMINENT, c.classify("vou tomar todos os remédios hoje a noite", "pt").risk().tier());
        assertEquals(RiskTier.NONE, c.classify("kkkk essa prova de matematica vai me matar", "pt")
                .risk().tier());
        // Swahili (issue 19) likewise
        assertFalse(RealRiskModel.loadDefault().covers("sw"), "retrained with Swahili? then drop this rule's test");
        assertTrue(c.classify("nataka kufa, sina mtu", "sw").risk().needsEmergencyNumbers());
        assertEquals(RiskTier.IMMINENT, c.classify("nataka kujiua leo usiku", "sw").risk().tier());
        assertEquals(RiskTier.NONE, c.classify("nilikufa na kicheko na hii video", "sw").risk().tier());
    }

    private static OpenNlpRiskAssessor.Evidence evidence(double p) {
        return new OpenNlpRiskAssessor.Evidence(p, 40, RiskTier.NONE, RiskTier.HIGH, "en");
    }
}
