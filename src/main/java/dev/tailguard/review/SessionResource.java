package dev.tailguard.review;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Who is logged in, whether they may review, and their session's CSRF token; logout revokes the session. */
@Path("/review/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SecurityIdentity identity;
    @Inject
    ReviewLogin login;

    /** The session of the authenticated user (401 when anonymous). */
    @GET
    @Authenticated
    public Map<String, Object> session(@CookieParam(ReviewSessionMechanism.COOKIE) String sessionId) {
        String name = identity.getPrincipal().getName();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", name);
        body.put("roles", new TreeSet<>(identity.getRoles()));
        body.put("reviewer", identity.hasRole("reviewer"));
        body.put("csrf_header", CsrfTokens.HEADER);
        body.put("csrf_token", login.sessions().find(sessionId, login.clock().instant())
                .map(dev.tailguard.core.review.login.Session::csrfToken).orElse(""));
        return body;
    }

    /** Ends the session server-side (its cookie and CSRF token are refused from now on) and expires the cookie. */
    @POST
    @Path("logout")
    @Authenticated
    public Response logout(@CookieParam(ReviewSessionMechanism.COOKIE) String sessionId) {
        login.sessions().revoke(sessionId);
        NewCookie expired = new NewCookie.Builder(ReviewSessionMechanism.COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.noContent().cookie(expired).build();
    }
}
