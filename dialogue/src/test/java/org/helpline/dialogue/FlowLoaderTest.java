package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.dialogue.flow.FlowSet;
import org.helpline.dialogue.flow.FlowValidationException;
import org.junit.jupiter.api.Test;

/** The shipped flows load; broken ones fail at start-up with the file and node named. */
class FlowLoaderTest {

    @Test
    void shippedFlowsLoadInEveryLanguage() {
        FlowSet set = FlowLoader.fromClasspath();
        assertEquals(java.util.List.of("en", "es", "fr", "pt", "sw"), set.languages());
        assertTrue(set.flows().keySet().containsAll(java.util.List.of("welcome", "menu", "counsellor", "bullying",
                "pictures", "safety", "something_else")));
    }

    @Test
    void unknownTargetIsNamedWithFileAndNode() {
        Map<String, String> files = shipped();
        files.put("bullying.yml", files.get("bullying.yml").replace("goto: more", "goto: moar"));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("bullying.yml: node 'start': goes to unknown node 'moar'"), e.getMessage());
    }

    @Test
    void unknownFlowIsNamed() {
        Map<String, String> files = shipped();
        files.put("safety.yml", files.get("safety.yml").replace("goto: counsellor:start", "goto: counselor:start"));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("safety.yml: node 'start': goes to unknown flow 'counselor'"),
                e.getMessage());
    }

    @Test
    void missingTranslationIsNamedWithLanguageKeyAndUser() {
        Map<String, String> files = shipped();
        files.put("messages/es.yml", files.get("messages/es.yml").replaceAll("(?m)^pictures\\.more:.*$", ""));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("messages/es.yml: missing translation of 'pictures.more' (used by "
                + "pictures.yml: node 'more')"), e.getMessage());
    }

    @Test
    void aMessageShowingTheHelplineNeedsAVariantForACountryWithoutOne() {
        Map<String, String> files = shipped();
        files.put("messages/es.yml", files.get("messages/es.yml")
                .replaceAll("(?m)^system\\.risk_imminent\\.no_helpline:.*$", ""));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("messages/es.yml: message 'system.risk_imminent' shows {helpline}, which "
                + "may be unknown"), e.getMessage());
    }

    @Test
    void aLanguageNeedsItsOwnWordingForAnUnknownEmergencyNumber() {
        Map<String, String> files = shipped();
        files.put("messages/en.yml", files.get("messages/en.yml").replaceAll("(?m)^variable\\.emergency:.*$", ""));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("messages/en.yml: message 'system.help' shows {emergency}, which may be "
                + "unknown"), e.getMessage());
    }

    @Test
    void aVariantIsTranslatedLikeItsMessage() {
        Map<String, String> files = shipped();
        files.put("messages/en.yml", files.get("messages/en.yml")
                + "system.help.no_helpline: \"{helpline_name}: text COUNSELLOR.\"\n");
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("messages/es.yml: missing translation of 'system.help.no_helpline' (used "
                + "by a variant of 'system.help')"), e.getMessage());
    }

    @Test
    void unreachableNodeIsNamed() {
        Map<String, String> files = shipped();
        files.put("safety.yml", files.get("safety.yml") + "  orphan:\n    say: safety.more\n    goto: start\n");
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("safety.yml: node 'orphan' is unreachable"), e.getMessage());
    }

    @Test
    void malformedNodesAndYamlAreNamed() {
        Map<String, String> files = shipped();
        files.put("menu.yml", files.get("menu.yml").replace("  welcome_back:\n    say: menu.welcome_back\n    goto: start",
                "  welcome_back:\n    say: menu.welcome_back"));
        files.put("pictures.yml", "start: [unclosed");
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("menu.yml: node 'welcome_back': needs exactly one of 'goto' and 'wait'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pictures.yml: not valid YAML"), e.getMessage());
    }

    @Test
    void aMessageKeyWrittenTwiceIsRefused() {
        // the first draft of help while in line named a keyword list and its reply 'waiting.is_safe' both: the reply
        // silently replaced the keywords, and "is this private?" was never recognised
        Map<String, String> files = shipped();
        files.put("messages/en.yml", files.get("messages/en.yml") + "\nwaiting.is_safe: \"is it safe|is this private\"\n");
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("messages/en.yml: not valid YAML") && e.getMessage().contains("duplicate"),
                e.getMessage());
    }

    @Test
    void aKnownConditionNamesAPlaceholder() {
        Map<String, String> files = shipped();
        files.put("counsellor.yml", files.get("counsellor.yml").replace("known: minutes", "known: eta"));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("counsellor.yml: node 'waiting': 'known' names unknown placeholder 'eta'"),
                e.getMessage());
    }

    @Test
    void unknownPlaceholderAndMissingFileAreNamed() {
        Map<String, String> files = shipped();
        files.put("messages/en.yml", files.get("messages/en.yml").replace("call {emergency}.\"", "call {emergency_no}.\""));
        files.remove("something_else.yml");
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("something_else.yml: missing"), e.getMessage());
    }

    @Test
    void malformedSettingsAreNamedNotThrown() {
        // found by FlowLoaderFuzzTest: a bad duration used to escape as DateTimeParseException
        Map<String, String> files = shipped();
        files.put("helpline.yml", files.get("helpline.yml").replace("inactivity_timeout: PT30M", "inactivity_timeout: 30")
                .replace("intent_threshold: 0.5", "intent_threshold: lots"));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("'inactivity_timeout' must be a positive ISO-8601 duration"), e.getMessage());
        assertTrue(e.getMessage().contains("'intent_threshold' must be a number from 0 to 1"), e.getMessage());
    }

    @Test
    void goToIfLanguageChosenNeedsAGotoAndAKnownTarget() {
        Map<String, String> files = shipped();
        files.put("welcome.yml", files.get("welcome.yml").replace("goto_if_language_chosen: menu:start",
                "goto_if_language_chosen: menu:nowhere"));
        FlowValidationException e = assertThrows(FlowValidationException.class, () -> FlowLoader.load(files::get));
        assertTrue(e.getMessage().contains("welcome.yml: node 'after_training': goes to unknown node 'nowhere'"),
                e.getMessage());
    }

    private static Map<String, String> shipped() {
        Map<String, String> files = new HashMap<>();
        for (String name : new String[] {"helpline.yml", "welcome.yml", "menu.yml", "counsellor.yml", "bullying.yml",
                "pictures.yml", "report_image.yml", "safety.yml", "something_else.yml", "privacy.yml", "updates.yml",
                "messages/en.yml",
                "messages/es.yml", "messages/fr.yml", "messages/pt.yml", "messages/sw.yml"}) {
            try (InputStream in = FlowLoaderTest.class.getResourceAsStream("/flows/" + name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return files;
    }
}
