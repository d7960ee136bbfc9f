package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.helpline.dialogue.flow.Catalogue;
import org.helpline.dialogue.flow.FlowLoader;
import org.junit.jupiter.api.Test;

/**
 * Texts that show a number read well when the number is unknown: the {@code .no_<placeholder>} variant, else the
 * language's own wording, never an empty gap or a raw {@code {placeholder}}.
 */
class CatalogueTest {
    private final Catalogue catalogue = FlowLoader.fromClasspath().catalogue();

    @Test
    void knownNumbersAreShown() {
        assertEquals("If you are in danger right now, call 190 / 192. You can also call 188 / 100 for free to talk "
                        + "to someone.",
                catalogue.render("en", "system.risk_imminent", Map.of("emergency", "190 / 192",
                        "helpline", "188 / 100")));
    }

    @Test
    void withoutAHelplineTheVariantIsUsed() {
        assertEquals("If you are in danger right now, call 112.",
                catalogue.render("en", "system.risk_imminent", Map.of("emergency", "112")));
        assertEquals("Si estás en peligro ahora mismo, llama al 112.",
                catalogue.render("es", "system.risk_imminent", Map.of("emergency", "112", "helpline", "")));
        assertEquals("That's OK. We can only chat once you say YES. If you need a person now, text COUNSELLOR. If "
                + "you are in danger, call 000.", catalogue.render("en", "welcome.declined", Map.of("emergency", "000")));
    }

    @Test
    void withoutAnyNumberTheLocalWordingIsUsed() {
        assertEquals("If you are in danger right now, call your local emergency number.",
                catalogue.render("en", "system.risk_imminent", Map.of()));
        assertEquals("Si estás en peligro ahora mismo, llama al número de emergencias de tu país.",
                catalogue.render("es", "system.risk_imminent", Map.of("emergency", " ", "helpline", "")));
        assertEquals("Nos pediste dejar de enviarte mensajes. Escribe START para hablar con nosotros. Si estás en "
                + "peligro, llama al número de emergencias de tu país.",
                catalogue.render("es", "system.still_opted_out", Map.of()));
    }
}
