package dev.tailguard.review;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Form login for the reviewer page. {@code POST /review/login} with form fields {@code username} and
 * {@code password} is checked against the configured identity store (the properties-file realm by default); on
 * success a session cookie {@value #COOKIE} ({@code HttpOnly; SameSite=Strict; Path=/}) holds the user name and an
 * expiry signed with HMAC-SHA256. Later requests carrying a valid cookie are authenticated as that user with the
 * roles the identity store gives now (a user removed from the realm loses access at once). Without credentials
 * the challenge is a bare 401 (no {@code WWW-Authenticate}, so browsers show the page's own login form).
 *
 * <p>Quarkus' built-in form mechanism cannot be used here: the Funqy route's body handler reads request bodies
 * before authentication runs, which the built-in {@code /j_security_check} handler does not support.
 */
@ApplicationScoped
public class ReviewSessionMechanism implements HttpAuthenticationMechanism {

    /** Session cookie name. */
    public static final String COOKIE = "tailguard-review-session";
    /** Login endpoint. */
    public static final String LOGIN_PATH = "/review/login";

    private final SessionTokens tokens;
    private final long timeoutSeconds;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ReviewSessionMechanism(ReviewConfig config, CsrfTokens secrets) {
        this.tokens = new SessionTokens(secrets);
        this.timeoutSeconds = config.sessionTimeout().toSeconds();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager ipm) {
        if (ctx.request().method() == HttpMethod.POST && LOGIN_PATH.equals(ctx.normalizedPath())) {
            return login(ctx, ipm);
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        String user = tokens.verify(cookie.getValue(), clock.instant().getEpochSecond());
        if (user == null) {
            return Uni.createFrom().nullItem();
        }
        return ipm.authenticate(new TrustedAuthenticationRequest(user));
    }

    private Uni<SecurityIdentity> login(RoutingContext ctx, IdentityProviderManager ipm) {
        String user = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("username and password required"));
        }
        return ipm.authenticate(new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray())))
                .onItem().invoke(identity -> {
                    long expires = clock.instant().getEpochSecond() + timeoutSeconds;
                    String value = tokens.issue(identity.getPrincipal().getName(), expires);
                    ctx.response().addCookie(Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT).setMaxAge(timeoutSeconds)
                            .setSecure(ctx.request().isSSL()));
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, TrustedAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext ctx) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, COOKIE));
    }

    /** Signed {@code user|expiry} tokens. */
    static final class SessionTokens {
        private final CsrfTokens mac;

        SessionTokens(CsrfTokens mac) {
            this.mac = mac;
        }

        String issue(String user, long expiresEpochSecond) {
            String payload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((user + "|" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return payload + "." + mac.sign("session\0" + payload);
        }

        /** The user of a valid, unexpired token, else null. */
        String verify(String token, long nowEpochSecond) {
            int dot = token.lastIndexOf('.');
            if (dot <= 0) {
                return null;
            }
            String payload = token.substring(0, dot);
            if (!mac.matches("session\0" + payload, token.substring(dot + 1))) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int bar = decoded.lastIndexOf('|');
            if (bar <= 0) {
                return null;
            }
            try {
                return Long.parseLong(decoded.substring(bar + 1)) > nowEpochSecond ? decoded.substring(0, bar) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
