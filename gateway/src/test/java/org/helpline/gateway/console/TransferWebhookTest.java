package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Transfers through the console API and the real queue, the young person's side checked at the Twilio stand-in:
 * back to the queue they are told their place (in their language) and a one-counsellor shift takes it again; while a
 * colleague is available the counsellor who transferred it is passed over; to a colleague they are told they are
 * being passed on; a transfer to oneself is refused in words.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferWebhookTest implements TestPropertyProvider {
    static final String TOKEN = TestProperties.TOKEN;
    static final String PUBLIC = TestProperties.PUBLIC;
    final TwilioStandIn twilio = new TwilioStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;
    @Inject
    Users users;

    int number;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("transfer", twilio,
                "helpline.queue.jobs.enabled", "false");
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        twilio.clear();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 2);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 2);
    }

    private SignedTexter texter() {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, String.format("+4477006%05d", ++number));
    }

    private SignedTexter waitingInEnglish() {
        return texter().waitingInLine();
    }

    private ConsoleBrowser available(String user) {
        return ConsoleBrowser.available(server.getURL().toString(), user);
    }

    /** What "Help next" tells the young person first. */
    static final String JOINED = "A counsellor has joined the chat and is reading what you wrote. You can write to "
            + "them here.";

    private List<String> toldTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).map(TwilioStandIn.Created::body)
                .toList();
    }

    private String id(SignedTexter t) {
        return pseudonymiser.pseudonym(t.from);
    }

    @Test
    void backToTheQueueOnAOneCounsellorShiftTheYoungPersonIsToldAndTheCounsellorCanTakeItAgain() {
        SignedTexter t = waitingInEnglish();
        ConsoleBrowser ana = available("ana");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        String path = "/console/api/conversations/" + id(t);
        HttpResponse<String> back = ana.post(path + "/transfer", "{\"to\":\"queue\"}");
        assertEquals(200, back.statusCode(), back.body());
        assertEquals(List.of(JOINED, "Your chat is back in line for the next counsellor who can help: you are "
                + "number 1. You don't need to start again; they will read everything you have written."), toldTo(t));
        assertTrue(ana.get(path.replace("/conversations/", "/supervisor/conversations/")).statusCode() != 200,
                "a counsellor reads only what they hold");

        HttpResponse<String> again = ana.post("/console/api/next", "{}");
        assertEquals(200, again.statusCode(), "nobody else is on shift: she is offered it again");
        assertTrue(again.body().contains(id(t)), again.body());
        assertTrue(ana.get(path).body().contains("Your chat is back in line"), "the transcript says what was sent");
    }

    @Test
    void whileAColleagueIsAvailableTheCounsellorWhoTransferredItIsPassedOver() {
        SignedTexter t = waitingInEnglish();
        ConsoleBrowser ana = available("ana");
        ConsoleBrowser ben = available("ben");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        assertEquals(200, ana.post("/console/api/conversations/" + id(t) + "/transfer", "{\"to\":\"queue\"}")
                .statusCode());
        assertEquals(204, ana.post("/console/api/next", "{}").statusCode(), "ben can take it: ana is passed over");
        assertTrue(ben.post("/console/api/next", "{}").body().contains(id(t)));
    }

    @Test
    void theYoungPersonIsToldInSpanish() {
        SignedTexter t = texter();
        t.says("hola");
        t.says("si");
        t.says("2");
        assertTrue(t.says("1").contains("en la fila"));
        ConsoleBrowser ana = available("ana");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        assertEquals(200, ana.post("/console/api/conversations/" + id(t) + "/transfer", "{\"to\":\"queue\"}")
                .statusCode());
        assertEquals(List.of("Un consejero se ha unido al chat y está leyendo lo que escribiste. Puedes escribirle "
                + "aquí.", "Tu chat vuelve a la fila para el próximo consejero que pueda ayudarte: eres el número "
                + "1. No tienes que empezar de nuevo; leerán todo lo que has escrito."), toldTo(t));
    }

    @Test
    void toAColleagueTheYoungPersonIsToldAndToOneselfIsRefusedInWords() {
        SignedTexter t = waitingInEnglish();
        ConsoleBrowser ana = available("ana");
        available("ben");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        String path = "/console/api/conversations/" + id(t) + "/transfer";
        HttpResponse<String> self = ana.post(path, "{\"to\":\"ana\"}");
        assertEquals(409, self.statusCode());
        assertTrue(self.body().contains("You already hold this conversation"), self.body());
        assertEquals(List.of(JOINED), toldTo(t), "nothing happened after the claim's message");
        assertEquals("ana", queue.entry(id(t)).orElseThrow().counsellor());

        assertEquals(200, ana.post(path, "{\"to\":\"ben\"}").statusCode());
        assertEquals(List.of(JOINED, "You are being passed to another counsellor, who will read everything you have "
                + "written. You don't need to start again."), toldTo(t));
    }
}
