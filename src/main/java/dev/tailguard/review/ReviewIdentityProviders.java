package dev.tailguard.review;

import dev.tailguard.core.review.login.ReviewUser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Identity providers over the runtime users file of {@link ReviewLogin}. */
final class ReviewIdentityProviders {

    private ReviewIdentityProviders() {
    }

    static SecurityIdentity identity(ReviewUser user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.name()))
                .addRoles(user.roles()).build();
    }

    /** Checks a login's password against the users file (on a worker thread: PBKDF2/bcrypt are slow by design). */
    @ApplicationScoped
    static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        ReviewLogin login;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> login.users()
                    .authenticate(request.getUsername(), request.getPassword().getPassword(), login.hashes())
                    .map(ReviewIdentityProviders::identity)
                    .orElseThrow(() -> new AuthenticationFailedException("invalid user name or password")));
        }
    }

    /** A session's user, with the roles the users file gives now (a removed user loses access at once). */
    @ApplicationScoped
    static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        @Inject
        ReviewLogin login;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return login.users().find(request.getPrincipal()).map(ReviewIdentityProviders::identity)
                    .map(i -> Uni.createFrom().item(i))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("user no longer listed")));
        }
    }
}
