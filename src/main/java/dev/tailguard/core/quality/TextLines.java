package dev.tailguard.core.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Line and paragraph splitting shared by the quality rules. */
public final class TextLines {

    private TextLines() {
    }

    /**
     * Lines as Python's {@code str.splitlines()}: breaks at \n, \r\n, \r, \u000b, \u000c, \u001c–\u001e, \u0085,
     * \u2028, \u2029; no trailing empty line.
     */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || (c >= '\u001c' && c <= '\u001e')
                || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Paragraphs: the stripped text split at runs of two or more newlines. */
    public static List<String> paragraphs(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return List.of();
        }
        // as Pattern.compile("\\n{2,}").split(s, -1), without the regex: s is stripped, so no piece is empty at either end
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = s.length();
        for (int i = s.indexOf("\n\n"); i >= 0; i = s.indexOf("\n\n", start)) {
            out.add(s.substring(start, i));
            start = i + 2;
            while (start < n && s.charAt(start) == '\n') {
                start++;
            }
        }
        out.add(start == 0 ? s : s.substring(start));
        return Collections.unmodifiableList(out);
    }

    /** Non-blank lines. */
    public static List<String> nonBlankLines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : lines(text)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Non-overlapping occurrences of {@code needle} (as Python's {@code str.count}). */
    public static int count(String text, String needle) {
        int c = 0;
        int i = text.indexOf(needle);
        while (i >= 0) {
            c++;
            i = text.indexOf(needle, i + needle.length());
        }
        return c;
    }
}
