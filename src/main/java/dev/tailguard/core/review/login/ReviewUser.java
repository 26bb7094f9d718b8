package dev.tailguard.core.review.login;

import java.util.Set;

/**
 * One reviewer account of the users file.
 *
 * @param name         user name (the audited principal)
 * @param passwordHash PBKDF2 or bcrypt hash ({@link PasswordHash})
 * @param roles        roles, e.g. {@code reviewer}
 */
public record ReviewUser(String name, String passwordHash, Set<String> roles) {

    public ReviewUser {
        roles = Set.copyOf(roles);
    }
}
