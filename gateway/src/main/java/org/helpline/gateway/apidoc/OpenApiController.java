package org.helpline.gateway.apidoc;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the OpenAPI document written at build time to signed-in administrators (it maps every route, which is
 * nobody else's business), at {@code /console/api/openapi.yml}: generate a client from it.
 */
@Controller("/console/api")
@Secured("ADMIN")
@Tag(name = "operations")
public class OpenApiController {
    /** Where micronaut-openapi writes the document (micronaut.openapi.filename in the gateway's pom). */
    static final String RESOURCE = "META-INF/swagger/helpline-api.yml";
    private final String document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the build's annotation processor writes it");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "This API's OpenAPI 3 document (YAML)")
    @Get(uri = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<String> openapi() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
