package dev.tailguard.core.generate.llm;

/** Removes the API key from any text that may reach a log, an exception, an event or a report. */
final class Secrets {

    private Secrets() {
    }

    static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isBlank()) {
            return text;
        }
        return text.replace(secret, "***");
    }

    /** A short single-line excerpt of a response body, redacted. */
    static String excerpt(String body, String secret) {
        if (body == null) {
            return "";
        }
        String r = redact(body, secret).replaceAll("\\s+", " ").strip();
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }
}
