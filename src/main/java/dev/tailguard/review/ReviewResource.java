package dev.tailguard.review;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Manifest;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.review.BatchDetail;
import dev.tailguard.core.review.DecisionResult;
import dev.tailguard.core.review.ReviewJson;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The review API. Every call needs an authenticated user with role {@code reviewer}; decisions are recorded under
 * the authenticated principal. JSON uses the review objects' snake_case form ({@link ReviewJson}).
 */
@Path("/review/batches")
@RolesAllowed("reviewer")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private static final Logger LOG = Logger.getLogger(ReviewResource.class);

    @Inject
    ReviewQueue queue;
    @Inject
    SecurityIdentity identity;
    @Inject
    ObjectStore store;

    /** Pending and decided batches, oldest first. */
    @GET
    public Response list() {
        return json(Map.of("batches", queue.list()));
    }

    /** One batch: the sample with scores, seeds and memorised spans; status, decision, audit log, run report. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        BatchDetail d = queue.get(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", d.batch());
        body.put("status", d.status());
        body.put("decision", d.decision());
        body.put("audit", d.audit());
        body.put("run_report", runReport(d.batch().runId()));
        return json(body);
    }

    /** Approves the batch; the run resumes once (repeating the approval returns the same decision). */
    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id, String body) {
        DecisionRequest req = DecisionRequest.parse(body);
        DecisionResult r = queue.approve(id, principal(), req.reason(), req.flags());
        LOG.infof("batch %s approved by %s (new decision: %s)", id, principal(), r.created());
        return decided(r);
    }

    /** Rejects the batch with a required reason; the batch is quarantined. */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") String id, String body) {
        DecisionRequest req = DecisionRequest.parse(body);
        DecisionResult r = queue.reject(id, principal(), req.reason(), req.flags());
        LOG.infof("batch %s rejected by %s (new decision: %s)", id, principal(), r.created());
        return decided(r);
    }

    private Response decided(DecisionResult r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", r.decision());
        body.put("created", r.created());
        body.put("status", r.status());
        body.put("run_report", runReport(r.decision().runId()));
        return json(body);
    }

    private String principal() {
        return identity.getPrincipal().getName();
    }

    private Map<String, Object> runReport(String runId) {
        RunLayout layout = new RunLayout(runId);
        try {
            if (!store.exists(layout.reportJson())) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        Map<String, Object> r = Manifest.read(store, layout.reportJson());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", layout.reportJson());
        out.put("status", r.get("status"));
        for (String k : List.of("synthetic_ratio", "failed_stage", "reason")) {
            if (r.containsKey(k)) {
                out.put(k, r.get(k));
            }
        }
        Object counts = r.get("counts");
        if (counts instanceof Map<?, ?> c && c.containsKey("blended")) {
            out.put("blended", c.get("blended"));
        }
        if (r.containsKey("review")) {
            out.put("review", Json.MAPPER.convertValue(r.get("review"), List.class));
        }
        return out;
    }

    static Response json(Object body) {
        return Response.ok(ReviewJson.string(body), MediaType.APPLICATION_JSON).build();
    }
}
