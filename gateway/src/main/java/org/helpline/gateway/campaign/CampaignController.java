package org.helpline.gateway.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.audit.AuditLog;

/**
 * The campaign API for CAMPAIGNER (and ADMIN) users: the list's numbers, CSV import, preview, create, pause, resume,
 * cancel, and progress. Every POST needs the console's CSRF header like the rest of {@code /console/api}.
 */
@Controller("/console/api/campaigns")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"CAMPAIGNER", "ADMIN"})
public class CampaignController {
    @Serdeable
    public record Problems(String error, List<String> problems) {
    }

    private final CampaignService campaigns;
    private final Subscribers subscribers;
    private final CsvImport csv;
    private final AuditLog audit;

    public CampaignController(CampaignService campaigns, Subscribers subscribers, CsvImport csv, AuditLog audit) {
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.csv = csv;
        this.audit = audit;
    }

    @Get
    public List<CampaignService.Status> list() {
        return campaigns.list(100);
    }

    @Get("/contacts")
    public Map<String, Object> contacts() {
        return subscribers.summary();
    }

    /** CSV body; {@code partial=true} imports the valid rows even when others are rejected. */
    @Post(uri = "/contacts/import", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    public HttpResponse<CsvImport.Report> importContacts(Authentication auth, @Body byte[] body,
                                                         @Nullable @QueryValue Boolean partial) {
        CsvImport.Report report = csv.run(new String(body, StandardCharsets.UTF_8), Boolean.TRUE.equals(partial));
        audit.record(auth.getName(), "import-contacts:" + report.imported() + "+" + report.alreadySubscribed()
                + (report.committed() ? "" : ":refused"), "-");
        return report.committed() ? HttpResponse.ok(report)
                : HttpResponse.<CsvImport.Report>status(HttpStatus.UNPROCESSABLE_ENTITY).body(report);
    }

    @Post("/preview")
    public HttpResponse<?> preview(@Body CampaignService.Request request) {
        try {
            return HttpResponse.ok(campaigns.preview(request));
        } catch (CampaignService.Invalid e) {
            return HttpResponse.badRequest(new Problems("the campaign is not valid", e.problems()));
        }
    }

    @Post
    public HttpResponse<?> create(Authentication auth, @Body CampaignService.Request request) {
        try {
            Campaign c = campaigns.create(request, auth.getName());
            audit.record(auth.getName(), "create-campaign:" + c.id(), "-");
            return HttpResponse.created(campaigns.status(c.id()).orElseThrow());
        } catch (CampaignService.Invalid e) {
            return HttpResponse.badRequest(new Problems("the campaign is not valid", e.problems()));
        }
    }

    @Get("/{id}")
    public HttpResponse<CampaignService.Status> get(@PathVariable String id) {
        return campaigns.status(id).map(HttpResponse::ok).orElseGet(HttpResponse::notFound);
    }

    @Post("/{id}/pause")
    public HttpResponse<?> pause(Authentication auth, @PathVariable String id) {
        return change(auth, id, "pause", campaigns.pause(id));
    }

    @Post("/{id}/resume")
    public HttpResponse<?> resume(Authentication auth, @PathVariable String id) {
        return change(auth, id, "resume", campaigns.resume(id));
    }

    @Post("/{id}/cancel")
    public HttpResponse<?> cancel(Authentication auth, @PathVariable String id) {
        return change(auth, id, "cancel", campaigns.cancel(id));
    }

    private HttpResponse<?> change(Authentication auth, String id, String action, boolean done) {
        var status = campaigns.status(id);
        if (status.isEmpty()) {
            return HttpResponse.notFound();
        }
        if (!done) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problems("cannot " + action + " a campaign that "
                    + "is " + status.get().state(), List.of()));
        }
        audit.record(auth.getName(), action + "-campaign:" + id, "-");
        return HttpResponse.ok(status.get());
    }
}
