package dev.tailguard.core.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex-based PII detection: e-mail addresses, phone numbers, IPv4 and IPv6 addresses and payment-card numbers
 * (13–19 digits, optional single spaces or hyphens between digits, passing the Luhn check). Phone numbers are
 * NANP-shaped ({@code (555) 123-4567}, {@code 555-123-4567}, optional +1) or international with a leading
 * {@code +} and 8–15 digits in groups. IPv6 is validated group by group (1–4 hex digits, at most one "::"; embedded
 * IPv4 tails are not recognised). Overlaps resolve in the order card, e-mail, IPv6, IPv4, phone. Spans are
 * character offsets; the matched text is not kept.
 */
public final class PiiDetector {

    /** PII kinds. */
    public enum Type { EMAIL, PHONE, IPV4, IPV6, CARD }

    /** A detected span {@code [start, end)}. */
    public record Span(Type type, int start, int end) {
    }

    /** All spans of a text, in text order. */
    public record Report(List<Span> spans) {
        /** Number of spans per type (all types present, possibly 0). */
        public Map<Type, Integer> counts() {
            Map<Type, Integer> m = new EnumMap<>(Type.class);
            for (Type t : Type.values()) {
                m.put(t, 0);
            }
            for (Span s : spans) {
                m.merge(s.type(), 1, Integer::sum);
            }
            return m;
        }

        /** Number of spans of one type. */
        public int count(Type t) {
            return (int) spans.stream().filter(s -> s.type() == t).count();
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}"
                    + "(?![\\d]|\\.\\d)");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+1[ .-]?)?(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
                    + "|\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5})(?![\\w])");

    /**
     * Detects PII in the text. The regular expressions only run on candidate regions (around each '@' for e-mail,
     * around runs of at least four digits joined by separators for cards, IPv4 and phones, maximal runs of hex
     * digits and colons for IPv6), with transparent bounds so the look-arounds see the whole text.
     */
    public Report detect(String text) {
        List<Span> spans = new ArrayList<>();
        boolean[] taken = new boolean[text.length()];
        List<int[]> digitRegions = digitRegions(text);
        collect(text, CARD, Type.CARD, digitRegions, spans, taken);
        collect(text, EMAIL, Type.EMAIL, emailRegions(text), spans, taken);
        collectIpv6(text, spans, taken);
        collect(text, IPV4, Type.IPV4, digitRegions, spans, taken);
        collect(text, PHONE, Type.PHONE, digitRegions, spans, taken);
        spans.sort(Comparator.comparingInt(Span::start));
        return new Report(List.copyOf(spans));
    }

    private static boolean isSep(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+';
    }

    private static List<int[]> digitRegions(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits++;
                    j++;
                } else if (isSep(c) && j + 1 < n && (isDigit(text.charAt(j + 1))
                        || (isSep(text.charAt(j + 1)) && j + 2 < n && isDigit(text.charAt(j + 2))))) {
                    j++;
                } else {
                    break;
                }
            }
            if (digits >= 4) {
                out.add(new int[] {Math.max(0, start - 2), Math.min(n, j + 1)});
            }
            i = j + 1;
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static List<int[]> emailRegions(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int s = at;
            while (s > 0 && isLocal(text.charAt(s - 1))) {
                s--;
            }
            int e = at + 1;
            while (e < n && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '.'
                    || text.charAt(e) == '-')) {
                e++;
            }
            out.add(new int[] {s, e});
        }
        return out;
    }

    private static boolean isLocal(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static void collectIpv6(String text, List<Span> out, boolean[] taken) {
        int n = text.length();
        for (int c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
            int s = c;
            while (s > 0 && isHexOrColon(text.charAt(s - 1))) {
                s--;
            }
            int e = c + 1;
            while (e < n && isHexOrColon(text.charAt(e))) {
                e++;
            }
            boolean bounded = (s == 0 || !isWordChar(text.charAt(s - 1))) && (e == n || !isWordChar(text.charAt(e)));
            if (bounded && isIpv6(text.substring(s, e))) {
                take(s, e, Type.IPV6, out, taken);
            }
            c = e - 1;
        }
    }

    private static boolean isHexOrColon(char c) {
        return c == ':' || Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static void collect(String text, Pattern p, Type t, List<int[]> regions, List<Span> out,
            boolean[] taken) {
        Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int[] r : regions) {
            m.region(r[0], r[1]);
            while (m.find()) {
                if (valid(t, m.group())) {
                    take(m.start(), m.end(), t, out, taken);
                }
            }
        }
    }

    private static void take(int start, int end, Type t, List<Span> out, boolean[] taken) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return;
            }
        }
        for (int i = start; i < end; i++) {
            taken[i] = true;
        }
        out.add(new Span(t, start, end));
    }

    private static boolean valid(Type t, String s) {
        return switch (t) {
            case CARD -> luhn(s.replaceAll("[ -]", ""));
            case IPV6 -> isIpv6(s);
            case PHONE -> {
                int digits = s.replaceAll("\\D", "").length();
                yield digits >= 10 && digits <= 15 || (s.startsWith("+") && digits >= 8 && digits <= 15);
            }
            default -> true;
        };
    }

    /** Luhn checksum over a digit string of 13–19 digits. */
    public static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** True for a syntactically valid IPv6 address (no zone, no embedded IPv4). */
    public static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        if (dc < 0) {
            return groups(s) == 8;
        }
        String head = s.substring(0, dc);
        String tail = s.substring(dc + 2);
        int h = head.isEmpty() ? 0 : groups(head);
        int t = tail.isEmpty() ? 0 : groups(tail);
        return h >= 0 && t >= 0 && h + t <= 7 && h + t > 0;
    }

    private static int groups(String s) {
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4) {
                return -100;
            }
            for (int i = 0; i < p.length(); i++) {
                if (Character.digit(p.charAt(i), 16) < 0) {
                    return -100;
                }
            }
        }
        return parts.length;
    }
}
