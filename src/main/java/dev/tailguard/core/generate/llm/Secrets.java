package dev.tailguard.core.generate.llm;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes the API key from any text that may reach a log, an exception, an event, a report or a stored document:
 * the key itself and the forms a server may echo it in: JSON-escaped (also {@code \/} and all-{@code \}{@code uXXXX}),
 * URL-encoded (either hex case, {@code +} or {@code %20}) and base64 (standard or URL-safe alphabet, at any byte
 * alignment, e.g. inside {@code Basic base64(user:key)}).
 */
public final class Secrets {

    /** What a redacted secret is replaced with. */
    static final String MASK = "***";
    private static final String B64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=";

    private Secrets() {
    }

    /** The text with every known encoding of the secret replaced by {@link #MASK}. */
    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isBlank()) {
            return text;
        }
        String out = text;
        for (String form : literalForms(secret)) {
            out = replaceIgnoringHexCase(out, form);
        }
        for (String marker : base64Markers(secret)) {
            out = maskBase64Runs(out, marker);
        }
        return out;
    }

    /** Whether the text holds the secret in any form {@link #redact} removes. */
    public static boolean contains(String text, String secret) {
        return text != null && !text.equals(redact(text, secret));
    }

    /** A short single-line excerpt of a response body, redacted. */
    public static String excerpt(String body, String secret) {
        if (body == null) {
            return "";
        }
        String r = redact(body, secret).replaceAll("\\s+", " ").strip();
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }

    private static List<String> literalForms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        StringBuilder u = new StringBuilder();
        secret.chars().forEach(c -> u.append(String.format("\\u%04x", c)));
        forms.add(u.toString());
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        List<String> sorted = new ArrayList<>(forms);
        sorted.removeIf(String::isEmpty);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    /** Replaces occurrences, treating {@code %2f}/{@code %2F} and {@code \u00AB}/{@code \u00ab} alike. */
    private static String replaceIgnoringHexCase(String text, String form) {
        boolean hex = form.contains("%") || form.contains("\\u");
        if (!hex) {
            return text.replace(form, MASK);
        }
        String lowerForm = form.toLowerCase(Locale.ROOT);
        String lowerText = text.toLowerCase(Locale.ROOT);
        if (lowerText.length() != text.length()) {
            return text.replace(form, MASK);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        int i;
        while ((i = lowerText.indexOf(lowerForm, from)) >= 0) {
            if (!text.regionMatches(i, form, 0, form.length()) && !hexCaseOnly(text.substring(i, i + form.length()), form)) {
                b.append(text, from, i + 1);
                from = i + 1;
                continue;
            }
            b.append(text, from, i).append(MASK);
            from = i + form.length();
        }
        return b.append(text.substring(from)).toString();
    }

    /** Whether two strings differ only in the case of hex digits after {@code %} or {@code \\u}. */
    private static boolean hexCaseOnly(String a, String b) {
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean inHex = (i >= 1 && b.charAt(i - 1) == '%') || (i >= 2 && b.charAt(i - 2) == '%')
                        || isInUnicodeEscape(b, i);
                if (!inHex || Character.toLowerCase(x) != Character.toLowerCase(y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isInUnicodeEscape(String s, int i) {
        for (int k = 2; k <= 5; k++) {
            if (i - k >= 0 && s.charAt(i - k) == '\\' && s.charAt(i - k + 1) == 'u') {
                return true;
            }
        }
        return false;
    }

    /**
     * Substrings every base64 encoding of the secret contains, for each of the three byte alignments and both
     * alphabets: the characters encoding only secret bytes.
     */
    static List<String> base64Markers(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> markers = new LinkedHashSet<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] buf = new byte[offset + key.length];
            System.arraycopy(key, 0, buf, offset, key.length);
            String enc = Base64.getEncoder().withoutPadding().encodeToString(buf);
            int start = (offset + 2) / 3 * 4;
            int end = (offset + key.length) / 3 * 4;
            if (end - start >= 8) {
                String m = enc.substring(start, end);
                markers.add(m);
                markers.add(m.replace('+', '-').replace('/', '_'));
            }
        }
        return new ArrayList<>(markers);
    }

    private static String maskBase64Runs(String text, String marker) {
        StringBuilder b = new StringBuilder();
        int from = 0;
        int i;
        while ((i = text.indexOf(marker, from)) >= 0) {
            int s = i;
            while (s > from && B64_CHARS.indexOf(text.charAt(s - 1)) >= 0) {
                s--;
            }
            int e = i + marker.length();
            while (e < text.length() && B64_CHARS.indexOf(text.charAt(e)) >= 0) {
                e++;
            }
            b.append(text, from, s).append(MASK);
            from = e;
        }
        return b.append(text.substring(from)).toString();
    }
}
