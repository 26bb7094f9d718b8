package dev.tailguard.review;

import dev.tailguard.core.review.login.LoginThrottle;
import dev.tailguard.core.review.login.OriginCheck;
import dev.tailguard.core.review.login.PasswordHash;
import dev.tailguard.core.review.login.ReviewUsers;
import dev.tailguard.core.review.login.SessionStore;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Holds the reviewer login state of this process: the accounts of {@code tailguard.review.users-file} (re-read
 * when the file changes, e.g. a rotated Kubernetes Secret), the server-side sessions, the per-user and per-address
 * failed-login throttles and the Origin check. Bundled demo accounts ({@code classpath:}) are refused in the prod
 * profile.
 */
@ApplicationScoped
public class ReviewLogin {

    private static final Logger LOG = Logger.getLogger(ReviewLogin.class);
    static final String CLASSPATH = "classpath:";

    private final ReviewConfig config;
    private final SessionStore sessions;
    private final LoginThrottle perUser;
    private final LoginThrottle perAddress;
    private final OriginCheck origins;
    private final PasswordHash hashes = new PasswordHash((pw, hash) -> BcryptUtil.matches(new String(pw), hash));
    private final Clock clock = Clock.systemUTC();
    private volatile ReviewUsers users = ReviewUsers.none();
    private volatile FileTime loadedMtime;

    @Inject
    public ReviewLogin(ReviewConfig config) {
        this.config = config;
        this.sessions = new SessionStore(config.sessionTimeout(), config.maxSessions());
        this.perUser = new LoginThrottle(config.login().maxFailuresPerUser(), config.login().window(),
                config.login().maxTracked());
        this.perAddress = new LoginThrottle(config.login().maxFailuresPerAddress(), config.login().window(),
                config.login().maxTracked());
        this.origins = new OriginCheck(config.publicOrigin().orElse(List.of()));
    }

    void onStart(@Observes StartupEvent e) {
        ReviewUsers u = users();
        if (config.usersFile().isEmpty()) {
            String text = "tailguard.review.users-file is not set: reviewer login is refused (503). Mount a users file "
                    + "(user:hash:roles, PBKDF2 or bcrypt) and set tailguard.review.users-file, or configure OIDC.";
            if (config.required()) {
                LOG.error(text);
            } else {
                // Review not required (the embedded CLI's default): no login is expected, so no error to alarm a user.
                LOG.debug(text);
            }
        } else if (u.size() == 0) {
            LOG.errorf("tailguard.review.users-file=%s yields no reviewer account: reviewer login is refused (503)",
                    config.usersFile().get());
        } else {
            LOG.infof("reviewer login: %d account(s) from %s", u.size(), config.usersFile().get());
        }
    }

    /** The current accounts (re-read when the users file's modification time changed). */
    public ReviewUsers users() {
        String source = config.usersFile().orElse(null);
        if (source == null || source.isBlank()) {
            return ReviewUsers.none();
        }
        if (source.startsWith(CLASSPATH)) {
            return classpathUsers(source);
        }
        Path path = Path.of(source);
        try {
            FileTime mtime = Files.getLastModifiedTime(path);
            if (!mtime.equals(loadedMtime)) {
                synchronized (this) {
                    if (!mtime.equals(loadedMtime)) {
                        users = ReviewUsers.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
                        loadedMtime = mtime;
                    }
                }
            }
        } catch (IOException | RuntimeException ex) {
            LOG.errorf("reviewer users file unusable, every login refused: %s", ex.getMessage());
            users = ReviewUsers.none();
            loadedMtime = null;
        }
        return users;
    }

    private synchronized ReviewUsers classpathUsers(String source) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.errorf("tailguard.review.users-file=%s: bundled (demo) accounts are refused in the prod profile", source);
            return ReviewUsers.none();
        }
        if (loadedMtime == null) {
            String resource = source.substring(CLASSPATH.length());
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + resource);
                }
                users = ReviewUsers.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
            } catch (IOException | RuntimeException ex) {
                LOG.errorf("reviewer users unusable, every login refused: %s", ex.getMessage());
                users = ReviewUsers.none();
            }
            loadedMtime = FileTime.fromMillis(0);
        }
        return users;
    }

    /** Password checks (PBKDF2 in the core, bcrypt through Quarkus' {@link BcryptUtil}). */
    public PasswordHash hashes() {
        return hashes;
    }

    /** Server-side sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** Failed logins per user name. */
    public LoginThrottle perUser() {
        return perUser;
    }

    /** Failed logins per client address. */
    public LoginThrottle perAddress() {
        return perAddress;
    }

    /** Origin/Referer check of state-changing requests. */
    public OriginCheck origins() {
        return origins;
    }

    /** Whether the session cookie is always {@code Secure}. */
    public boolean secureCookies() {
        return config.secureCookies();
    }

    /** The clock of sessions and throttles. */
    public Clock clock() {
        return clock;
    }
}
