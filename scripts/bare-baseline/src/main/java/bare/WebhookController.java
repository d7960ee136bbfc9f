package bare;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * Twilio's messaging webhook with nothing behind it: the body is read (as the gateway reads it) and a fixed TwiML
 * reply goes back, on the event loop. What this serves per second is the framework's limit on the machine. The
 * default mode ({@code BARE_MODE} unset or {@code fixed}); the floor's modes are {@link FloorWebhookController}'s.
 */
@Controller("/twilio")
@Requires(property = "bare.mode", value = "fixed", defaultValue = "fixed")
public class WebhookController {
    static final String REPLY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Thanks for "
            + "your message. Reply MENU for options.</Message></Response>";

    @Post(uri = "/messages", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.APPLICATION_XML)
    public String messages(@Body byte[] body) {
        return REPLY;
    }
}
