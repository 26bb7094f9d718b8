package dev.tailguard.review;

import dev.tailguard.core.review.login.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints one users-file line {@code user:$pbkdf2-sha256$...:roles} for a password read from standard input (never
 * from the command line, which other local users can see). Usage:
 * {@code java -cp target/quarkus-app/app/tailguard-*.jar dev.tailguard.review.HashPassword <user> <role[,role]>}, or
 * through the CLI when it exposes it. Iterations: {@link PasswordHash#DEFAULT_ITERATIONS}.
 */
public final class HashPassword {

    private HashPassword() {
    }

    /** Entry point; exit code 2 on bad usage. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HashPassword <user> <role[,role]>   (password on standard input)");
            System.exit(2);
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("no password on standard input");
            System.exit(2);
        }
        System.out.println(args[0] + ":" + PasswordHash.pbkdf2(password.toCharArray(), PasswordHash.DEFAULT_ITERATIONS)
                + ":" + args[1]);
    }
}
