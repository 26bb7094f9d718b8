package dev.tailguard.review;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;

/**
 * Rejects state-changing requests under {@code /review} without a valid {@link CsrfTokens#HEADER} (403). Anonymous
 * requests pass through to the security layer, which answers 401.
 */
@Provider
public class CsrfFilter implements ContainerRequestFilter {

    @Inject
    CsrfTokens tokens;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        String path = ctx.getUriInfo().getPath();
        String rel = path.startsWith("/") ? path.substring(1) : path;
        if (!rel.startsWith("review/") || rel.equals("review/login")) {
            return;
        }
        Principal p = ctx.getSecurityContext() == null ? null : ctx.getSecurityContext().getUserPrincipal();
        if (p == null) {
            return;
        }
        if (!tokens.valid(p.getName(), ctx.getHeaderString(CsrfTokens.HEADER))) {
            ctx.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "csrf", "status", 403, "message",
                            "missing or invalid " + CsrfTokens.HEADER + " header; reload the review page"))
                    .build());
        }
    }
}
