package dev.tailguard.review;

import dev.tailguard.core.review.login.OriginCheck;
import dev.tailguard.core.review.login.Session;
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
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Form login for the reviewer page. {@code POST /review/login} with form fields {@code username} and
 * {@code password} is checked, in this order: Origin/Referer (403), failed-login throttle of the user name and of
 * the client address (429 with {@code Retry-After}), reviewer accounts configured (503), password against the
 * runtime users file (401). On success a new server-side session is created (random id and random CSRF token) and
 * its id set as cookie {@value #COOKIE} ({@code HttpOnly; SameSite=Strict; Path=/}, {@code Secure} when the request
 * is HTTPS as seen through the proxy settings or {@code tailguard.review.secure-cookies=true}); a session cookie sent
 * with the login is revoked. Later requests with a live session are authenticated as its user with the roles the
 * users file gives now. Every other state-changing request under {@code /review/} also needs an allowed Origin or
 * Referer (403). Without credentials the challenge is a bare 401 (no {@code WWW-Authenticate}).
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
    private static final String REFUSAL = "tailguard.review.refusal";

    /** Why a request was refused before any password check, and how to answer. */
    record Refusal(int status, String header, String value) {
    }

    private final ReviewLogin login;

    @Inject
    public ReviewSessionMechanism(ReviewLogin login) {
        this.login = login;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager ipm) {
        HttpServerRequest req = ctx.request();
        String path = ctx.normalizedPath();
        if (path.startsWith("/review/") && OriginCheck.stateChanging(req.method().name())) {
            Optional<String> bad = login.origins().refusal(req.getHeader("Origin"), req.getHeader("Referer"),
                    selfOrigin(req));
            if (bad.isPresent()) {
                return refuse(ctx, new Refusal(403, null, null), bad.get());
            }
        }
        if (req.method() == HttpMethod.POST && LOGIN_PATH.equals(path)) {
            return login(ctx, ipm);
        }
        Cookie cookie = req.getCookie(COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<Session> session = login.sessions().find(cookie.getValue(), login.clock().instant());
        if (session.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return ipm.authenticate(new TrustedAuthenticationRequest(session.get().user()));
    }

    private Uni<SecurityIdentity> login(RoutingContext ctx, IdentityProviderManager ipm) {
        String user = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("username and password required"));
        }
        Instant now = login.clock().instant();
        String address = clientAddress(ctx.request());
        Optional<Duration> wait = max(login.perUser().blocked("user:" + user, now),
                login.perAddress().blocked("addr:" + address, now));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return refuse(ctx, new Refusal(429, "Retry-After", Long.toString(seconds)),
                    "too many failed logins for this user or address");
        }
        if (login.users().size() == 0) {
            return refuse(ctx, new Refusal(503, null, null), "no reviewer accounts configured");
        }
        return ipm.authenticate(new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray())))
                .onFailure().invoke(e -> {
                    Instant t = login.clock().instant();
                    login.perUser().failed("user:" + user, t);
                    login.perAddress().failed("addr:" + address, t);
                })
                .onItem().invoke(identity -> {
                    login.perUser().succeeded("user:" + user);
                    Cookie old = ctx.request().getCookie(COOKIE);
                    if (old != null) {
                        login.sessions().revoke(old.getValue());
                    }
                    Session s = login.sessions().create(identity.getPrincipal().getName(), login.clock().instant());
                    long maxAge = Duration.between(login.clock().instant(), s.expires()).toSeconds();
                    ctx.response().addCookie(Cookie.cookie(COOKIE, s.id()).setPath("/").setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAge)
                            .setSecure(login.secureCookies() || "https".equalsIgnoreCase(ctx.request().scheme())));
                });
    }

    private static Uni<SecurityIdentity> refuse(RoutingContext ctx, Refusal refusal, String why) {
        ctx.put(REFUSAL, refusal);
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }

    private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    /** The client address (the forwarded one when {@code quarkus.http.proxy.proxy-address-forwarding} is on). */
    static String clientAddress(HttpServerRequest req) {
        return req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
    }

    /** {@code scheme://host[:port]} of the request as the server sees it (after proxy forwarding). */
    static String selfOrigin(HttpServerRequest req) {
        HostAndPort a = req.authority();
        if (a == null) {
            return "";
        }
        return req.scheme() + "://" + a.host() + (a.port() > 0 ? ":" + a.port() : "");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        Refusal r = ctx.get(REFUSAL);
        if (r != null) {
            return Uni.createFrom().item(new ChallengeData(r.status(), r.header(), r.value()));
        }
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
}
