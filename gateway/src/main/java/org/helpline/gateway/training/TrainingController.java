package org.helpline.gateway.training;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.Locale;
import java.util.Map;

/**
 * The training store's export, for administrators ({@code scripts/export-training} calls it): one TSV line per kept
 * message, {@code language<TAB>split<TAB>label<TAB>intent<TAB>text}, split {@code train} or {@code heldback}, label
 * none|low|high|imminent and intent (empty when the counsellor gave none) as the corpora spell them. Audited.
 */
@Controller("/console/api/training")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrainingController {
    private final TrainingStore store;

    public TrainingController(TrainingStore store) {
        this.store = store;
    }

    @Get(uri = "/export", produces = "text/tab-separated-values")
    @Secured("ADMIN")
    public HttpResponse<String> export(Authentication auth) {
        StringBuilder b = new StringBuilder("language\tsplit\tlabel\tintent\ttext\n");
        for (TrainingStore.Exported e : store.export(auth.getName())) {
            b.append(e.language()).append('\t').append(e.heldBack() ? "heldback" : "train").append('\t')
                    .append(e.label().name().toLowerCase(Locale.ROOT)).append('\t')
                    .append(e.intent() == null ? "" : e.intent().label()).append('\t')
                    .append(e.text().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return HttpResponse.ok(b.toString())
                .header("Content-Disposition", "attachment; filename=\"training.tsv\"")
                .header("Cache-Control", "no-store")
                .contentType("text/tab-separated-values; charset=utf-8");
    }

    /** How many messages are kept (no text): for the administration page. */
    @Get("/summary")
    @Secured({"ADMIN", "SUPERVISOR"})
    public Map<String, Object> summary() {
        return Map.of("kept", store.size());
    }
}
