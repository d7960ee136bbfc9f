package org.helpline.gateway.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;

/**
 * The SDK's own HTTP client for api.twilio.com, minus its built-in retries. The SDK re-sends a request on any 5xx or
 * lost connection, POSTs included, right away and without asking whether the first one created the message: a
 * message could go out two or three times. Our callers retry instead, with backoff, and after an ambiguous failure
 * ask Twilio's message list first ({@link Senders#sendReliably}, the campaign runner's reconciliation).
 */
final class SingleAttemptHttpClient extends NetworkHttpClient {
    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }
}
