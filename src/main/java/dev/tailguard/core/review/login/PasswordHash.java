package dev.tailguard.core.review.login;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.BiPredicate;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Stored password hashes of the users file. Two formats:
 * <ul>
 *   <li>PBKDF2-HMAC-SHA256 {@code $pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} (JDK only);
 *       {@link #DEFAULT_ITERATIONS} follows the OWASP Password Storage Cheat Sheet (600,000 for PBKDF2-HMAC-SHA256);
 *       hashes below {@link #MIN_ITERATIONS} are refused when the file is read;</li>
 *   <li>bcrypt Modular Crypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), checked by a verifier the adapter supplies
 *       (the core has no bcrypt implementation of its own).</li>
 * </ul>
 * Plain-text passwords are not a format.
 */
public final class PasswordHash {

    /** Iterations of new PBKDF2 hashes (OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewest PBKDF2 iterations accepted in a users file. */
    public static final int MIN_ITERATIONS = 10_000;
    private static final String PBKDF2 = "$pbkdf2-sha256$";

    private final BiPredicate<char[], String> bcrypt;

    /** @param bcrypt checks a password against a bcrypt Modular Crypt string */
    public PasswordHash(BiPredicate<char[], String> bcrypt) {
        this.bcrypt = bcrypt;
    }

    /** Why the stored hash is not usable, or null when it is. */
    public static String problem(String stored) {
        if (isBcrypt(stored)) {
            return stored.length() == 60 ? null : "bcrypt hash must be 60 characters";
        }
        if (!stored.startsWith(PBKDF2)) {
            return "unknown hash format (expected $pbkdf2-sha256$... or bcrypt $2a$/$2b$/$2y$...)";
        }
        String[] p = stored.substring(PBKDF2.length()).split("\\$", -1);
        if (p.length != 3) {
            return "PBKDF2 hash must be $pbkdf2-sha256$<iterations>$<salt>$<hash>";
        }
        try {
            int iterations = Integer.parseInt(p[0]);
            if (iterations < MIN_ITERATIONS) {
                return "PBKDF2 iterations " + iterations + " below the minimum " + MIN_ITERATIONS;
            }
            if (Base64.getDecoder().decode(p[1]).length < 16 || Base64.getDecoder().decode(p[2]).length < 32) {
                return "PBKDF2 salt must be at least 16 bytes and the hash 32 bytes";
            }
        } catch (IllegalArgumentException e) {
            return "PBKDF2 hash has a bad number or base64: " + e.getMessage();
        }
        return null;
    }

    /** Whether the password matches the stored hash (constant-time comparison for PBKDF2). */
    public boolean matches(char[] password, String stored) {
        if (problem(stored) != null) {
            return false;
        }
        if (isBcrypt(stored)) {
            return bcrypt.test(password, stored);
        }
        String[] p = stored.substring(PBKDF2.length()).split("\\$", -1);
        byte[] expected = Base64.getDecoder().decode(p[2]);
        byte[] actual = pbkdf2(password, Base64.getDecoder().decode(p[1]), Integer.parseInt(p[0]), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A new PBKDF2 hash of the password with a random 16-byte salt. */
    public static String pbkdf2(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, 32);
        return PBKDF2 + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Clears a password array after use. */
    public static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
