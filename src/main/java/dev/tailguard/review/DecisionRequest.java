package dev.tailguard.review;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tailguard.core.review.DocumentFlag;
import dev.tailguard.core.review.ReviewException;
import dev.tailguard.core.review.ReviewJson;
import java.io.IOException;
import java.util.List;

/**
 * Body of an approve/reject request: {@code {"reason": "...", "flags": [{"document_id","flag","note"}]}}. Unknown
 * fields are refused, so a client cannot pass a reviewer name: the principal always comes from authentication.
 *
 * @param reason the reviewer's reason (required to reject)
 * @param flags  per-document flags
 */
public record DecisionRequest(String reason, List<DocumentFlag> flags) {

    private static final ObjectReader READER = ReviewJson.MAPPER.readerFor(DecisionRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Parses the body; an empty body is an approval without reason or flags. */
    static DecisionRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new DecisionRequest(null, List.of());
        }
        try {
            DecisionRequest r = READER.readValue(body);
            return new DecisionRequest(r.reason(), r.flags() == null ? List.of() : r.flags());
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ReviewException(ReviewException.Kind.INVALID, "invalid decision body: " + msg);
        }
    }
}
