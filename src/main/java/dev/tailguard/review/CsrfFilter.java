package dev.tailguard.review;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;

/**
 * Rejects state-changing requests under {@code /review} whose {@link CsrfTokens#HEADER} is not the CSRF token of
 * the live session named by the request's cookie (403): a token of another session, of a logged-out session or of
 * an earlier login of the same user is refused. Anonymous requests pass through to the security layer (401).
 * The Origin/Referer check happens earlier, in {@link ReviewSessionMechanism}.
 */
@Provider
public class CsrfFilter implements ContainerRequestFilter {

    @Inject
    ReviewLogin login;

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
        Cookie cookie = ctx.getCookies().get(ReviewSessionMechanism.COOKIE);
        if (cookie == null || !login.sessions().csrfValid(cookie.getValue(), ctx.getHeaderString(CsrfTokens.HEADER),
                login.clock().instant())) {
            ctx.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "csrf", "status", 403, "message",
                            "missing or invalid " + CsrfTokens.HEADER + " header; reload the review page"))
                    .build());
        }
    }
}
