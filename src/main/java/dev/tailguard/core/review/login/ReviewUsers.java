package dev.tailguard.core.review.login;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reviewer accounts, parsed from a users file supplied at run time (a mounted file or Kubernetes Secret,
 * {@code tailguard.review.users-file}). One account per line, {@code user:hash:role[,role...]}; blank lines and
 * lines starting with {@code #} are ignored. User names are {@code [A-Za-z0-9._@-]{1,64}}; hashes are
 * {@link PasswordHash} formats (never plain text); roles are {@code [A-Za-z0-9._-]+}. Any bad line makes the whole
 * file invalid with an error naming the line number (no account of a half-valid file is used).
 */
public final class ReviewUsers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, ReviewUser> users;

    private ReviewUsers(Map<String, ReviewUser> users) {
        this.users = Map.copyOf(users);
    }

    /** No accounts: every login is refused. */
    public static ReviewUsers none() {
        return new ReviewUsers(Map.of());
    }

    /**
     * @param text   the file's content
     * @param source how to name the file in errors
     * @throws IllegalArgumentException naming the line and field of the first problem
     */
    public static ReviewUsers parse(String text, String source) {
        Map<String, ReviewUser> users = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] f = line.split(":", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException(where + ": expected user:hash:roles, got " + f.length + " fields");
            }
            if (!NAME.matcher(f[0]).matches()) {
                throw new IllegalArgumentException(where + ": user name must match " + NAME.pattern());
            }
            String problem = PasswordHash.problem(f[1]);
            if (problem != null) {
                throw new IllegalArgumentException(where + " (user " + f[0] + "): " + problem);
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String r : f[2].isBlank() ? new String[0] : f[2].split(",")) {
                if (!ROLE.matcher(r.strip()).matches()) {
                    throw new IllegalArgumentException(where + " (user " + f[0] + "): bad role '" + r + "'");
                }
                roles.add(r.strip());
            }
            if (users.put(f[0], new ReviewUser(f[0], f[1], roles)) != null) {
                throw new IllegalArgumentException(where + ": user " + f[0] + " is listed twice");
            }
        }
        return new ReviewUsers(users);
    }

    /** The account, if listed. */
    public Optional<ReviewUser> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** How many accounts. */
    public int size() {
        return users.size();
    }

    /**
     * Checks a login. An unknown user costs one PBKDF2 check of a fixed dummy hash too, so that timing does not
     * tell which user names exist.
     */
    public Optional<ReviewUser> authenticate(String name, char[] password, PasswordHash hashes) {
        try {
            ReviewUser u = users.get(name);
            if (u == null) {
                hashes.matches(password, DUMMY);
                return Optional.empty();
            }
            return hashes.matches(password, u.passwordHash()) ? Optional.of(u) : Optional.empty();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static final String DUMMY = PasswordHash.pbkdf2("not-a-password".toCharArray(), PasswordHash.MIN_ITERATIONS);
}
