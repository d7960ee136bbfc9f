package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Report routes for image abuse through signed webhooks: a UK texter and a Brazilian texter each get their own
 * country's hotline (and Report Remove only in the UK), never another country's; a texter of a country without a row
 * is pointed to inhope.org. The picture is never asked for, and a counsellor is offered.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRoutesWebhookTest implements TestPropertyProvider {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";
    /** Every row's hotline address: a texter may see their own country's only. */
    static final List<String> HOTLINES = List.of("report.iwf.org.uk", "report.cybertip.org",
            "new.safernet.org.br/denuncie", "pointdecontact.net", "teprotejomexico.org");

    @Inject
    EmbeddedServer server;
    @Inject
    ReportRoutes routes;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("report-routes", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                "helpline.campaigns.enabled", "false",
                "helpline.countries.BR.emergency", "190", "helpline.countries.BR.helpline", "100");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private SignedTexter atMenu(String number) {
        SignedTexter t = new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, number);
        t.says("hi");
        String menu = t.says("yes");
        // the age question (in the country's language), answered under the training minimum: no training question
        assertTrue(menu.contains("How old are you?") || menu.contains("¿Cuántos años tienes?")
                || menu.contains("Quantos anos você tem?"), menu);
        menu = t.says("15");
        if (!menu.contains("6 ")) {
            menu = t.says("1"); // no country language: the language question
        }
        // a UK number settles English, a Spanish one Spanish and a Brazilian one Portuguese without the question
        assertTrue(menu.contains("6 Someone shared a picture of me") || menu.contains("6 Alguien compartió una foto mía")
                || menu.contains("6 Alguém compartilhou uma foto minha"), menu);
        return t;
    }

    private static void onlyOwnHotline(String reply, String own) {
        for (String h : HOTLINES) {
            assertEquals(h.equals(own), reply.contains(h), (h.equals(own) ? "their own hotline " : "never ") + h
                    + ": " + reply);
        }
    }

    @Test
    void aUkTexterGetsTheIwfAndReportRemove() {
        String reply = atMenu("+447400123456").says("6");
        assertTrue(reply.contains("takeitdown.ncmec.org"), reply);
        assertTrue(reply.contains("childline.org.uk/report-remove"), reply);
        assertTrue(reply.contains("IWF (report.iwf.org.uk)"), reply);
        assertTrue(reply.contains("Please don") && reply.contains("send us the picture"), "never asks for it");
        assertTrue(reply.contains("Reply 1 to talk to a counsellor"), reply);
        onlyOwnHotline(reply, "report.iwf.org.uk");
    }

    @Test
    void aBrazilianTexterGetsSaferNetAndTheirOwnEmergencyNumber() {
        SignedTexter t = atMenu("+5511987654321");
        // Brazil ships Portuguese now (issue 19): the report flow in Portuguese
        String reply = t.says("postaram uma foto minha");
        assertTrue(reply.contains("SaferNet (new.safernet.org.br/denuncie)"), reply);
        assertTrue(reply.contains("takeitdown.ncmec.org"), reply);
        assertFalse(reply.contains("Report Remove") || reply.contains("childline"), "Report Remove is UK only");
        onlyOwnHotline(reply, "new.safernet.org.br/denuncie");
        String counsellor = t.says("1");
        assertTrue(counsellor.contains("ligue para o 190") && !counsellor.contains("999"), counsellor);
        String inLine = t.says("como faço pra tirar a foto do ar");
        onlyOwnHotline(inLine, "new.safernet.org.br/denuncie");
    }

    @Test
    void aCountryWithoutARowIsPointedToInhopeNeverAnotherCountrysHotline() {
        SignedTexter t = atMenu("+34612345678");
        String reply = t.says("my nudes are being shared");
        assertTrue(reply.contains("inhope.org"), reply);
        onlyOwnHotline(reply, null);
        assertTrue(routes.route("ES").isEmpty() && routes.route(null).isEmpty());
    }

    @Test
    void everyRowNamesItsSourceAndABrokenFileIsRefused() {
        for (String country : List.of("GB", "US", "BR", "FR", "MX")) {
            assertTrue(routes.route(country).orElseThrow().source().startsWith("https://"), country);
        }
        assertThrows(IllegalStateException.class, () -> ReportRoutes.parse("country\thotline\turl\treport_remove\t"
                + "source\nGB\tIWF\treport.iwf.org.uk\tyes\t\n"));
    }
}
