package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.cli.tools.AdversarialReplay.Outcome;
import dev.tailguard.cli.tools.ReplayHttp.Answer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.tailguard.cli.tools.AdversarialReplay.safeIf;
import static dev.tailguard.cli.tools.AdversarialReplay.skipped;

/**
 * Issue 13's reviewer-login cases (W5b–W5f) against {@code /review/login}, {@code /review/session} and the reviewer
 * API. Password guessing (W5c) runs last: on a hardened server it locks the account.
 */
final class ReplayLoginCases {

    /** The demo account of 89058ef. */
    static final String DEMO_USER = "alice";
    static final String DEMO_PASSWORD = "alice-review-demo";
    /** Wrong passwords sent for one account (the issue measured 246 per second; bounded here). */
    static final int GUESSES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayHttp http;
    private final String user;
    private final String password;

    ReplayLoginCases(ReplayHttp http, String user, String password) {
        this.http = http;
        this.user = user;
        this.password = password;
    }

    List<Outcome> run() {
        List<Outcome> out = new ArrayList<>();
        Answer demo = http.login(DEMO_USER, DEMO_PASSWORD);
        out.add(safeIf(!demo.ok(), "W5b", "login " + DEMO_USER + "/" + DEMO_PASSWORD, demo.brief()
                + (demo.sessionCookie().isPresent() ? "; session cookie set" : "")));
        if (user == null) {
            String why = "no reviewer account given (--user/--password)";
            out.add(skipped("W5d", "two logins, compare CSRF tokens", why));
            out.add(skipped("W5e", "logout, then the old cookie", why));
            out.add(skipped("W5f", "reviewer POST with Origin: https://evil.example", why));
        } else {
            out.add(csrfRotates());
            out.add(logoutRevokes());
            out.add(originChecked());
        }
        out.add(guessing(user == null ? DEMO_USER : user));
        return out;
    }

    private Outcome csrfRotates() {
        String sent = "two logins of " + user + ", compare the CSRF tokens of /review/session";
        Optional<String> a = csrf(http.login(user, password));
        Optional<String> b = csrf(http.login(user, password));
        if (a.isEmpty() || b.isEmpty()) {
            return skipped("W5d", sent, "login as " + user + " failed");
        }
        return safeIf(!a.get().equals(b.get()), "W5d", sent, a.get().equals(b.get()) ? "the same token twice"
                : "different tokens");
    }

    private Outcome logoutRevokes() {
        String sent = "login, POST /review/session/logout, then GET /review/session with the old cookie";
        Answer login = http.login(user, password);
        Optional<String> csrf = csrf(login);
        if (csrf.isEmpty()) {
            return skipped("W5e", sent, "login as " + user + " failed");
        }
        String cookie = login.sessionCookie().get();
        Answer out = http.reviewPost("/review/session/logout", "", cookie, csrf.get(), http.origin());
        Answer again = http.get("/review/session", cookie);
        return safeIf(again.status() == 401, "W5e", sent, "logout " + out.status() + "; old cookie " + again.status());
    }

    private Outcome originChecked() {
        String sent = "reviewer POST approve with a valid session and CSRF token, Origin: https://evil.example";
        Answer login = http.login(user, password);
        Optional<String> csrf = csrf(login);
        if (csrf.isEmpty()) {
            return skipped("W5f", sent, "login as " + user + " failed");
        }
        Answer a = http.reviewPost("/review/batches/adv-no-such-batch/approve", "{\"reason\":\"adversarial replay\"}",
                login.sessionCookie().get(), csrf.get(), "https://evil.example");
        return safeIf(a.status() == 403, "W5f", sent, a.brief());
    }

    private Outcome guessing(String target) {
        int throttled = 0;
        int firstThrottled = -1;
        for (int i = 0; i < GUESSES; i++) {
            if (http.login(target, "adversarial-guess-" + i).status() == 429) {
                throttled++;
                firstThrottled = firstThrottled < 0 ? i + 1 : firstThrottled;
            }
        }
        return safeIf(throttled > 0, "W5c", GUESSES + " wrong passwords for " + target, throttled == 0
                ? "no 429" : throttled + " answered 429, from guess " + firstThrottled);
    }

    private Optional<String> csrf(Answer login) {
        if (!login.ok() || login.sessionCookie().isEmpty()) {
            return Optional.empty();
        }
        try {
            String t = JSON.readTree(http.get("/review/session", login.sessionCookie().get()).body())
                    .path("csrf_token").asText("");
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
