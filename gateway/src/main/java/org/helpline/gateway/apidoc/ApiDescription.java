package org.helpline.gateway.apidoc;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI document's heading. micronaut-openapi's annotation processor writes the document from the controllers
 * at build time ({@code META-INF/swagger/helpline-api.yml} in the jar); {@link OpenApiController} serves it.
 */
@OpenAPIDefinition(
        info = @Info(title = "Helpline Gateway", version = "0.1",
                description = "The console (counsellors, supervisors, administrators), campaign and simulator APIs, "
                        + "and the Twilio webhooks. The console API authenticates with the session cookie from "
                        + "POST /login, and every state-changing request needs the header X-Helpline-Console: 1 "
                        + "(CSRF defence). The webhooks need a valid X-Twilio-Signature."),
        tags = @Tag(name = "operations", description = "metrics and this document"))
public final class ApiDescription {
    private ApiDescription() {
    }
}
