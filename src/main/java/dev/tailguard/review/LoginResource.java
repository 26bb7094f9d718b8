package dev.tailguard.review;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /review/login} (form fields {@code username}, {@code password}): the credentials are checked and the
 * session cookie set by {@link ReviewSessionMechanism}; wrong credentials get 401 before reaching this method.
 */
@Path("/review/login")
public class LoginResource {

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login() {
        return Response.noContent().build();
    }
}
