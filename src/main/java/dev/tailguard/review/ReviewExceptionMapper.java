package dev.tailguard.review;

import dev.tailguard.core.review.ReviewException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Review errors as JSON: {@code {"error","status","message"}} with 404, 409, 400 or 503. */
@Provider
public class ReviewExceptionMapper implements ExceptionMapper<ReviewException> {

    private static final Logger LOG = Logger.getLogger(ReviewExceptionMapper.class);

    @Override
    public Response toResponse(ReviewException e) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case UNAVAILABLE -> 503;
        };
        if (status == 503) {
            LOG.warn("review request failed", e);
        }
        return error(status, e.kind().name().toLowerCase(), e.getMessage());
    }

    static Response error(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("status", status);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
