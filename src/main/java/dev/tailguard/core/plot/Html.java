package dev.tailguard.core.plot;

import java.util.List;

/**
 * Assembles a self-contained HTML page (inline CSS, inline SVG, no scripts, no network) that is also well-formed
 * XML, so tests and tools can parse it with a DOM parser. All text passed to the builder is escaped; only
 * {@link #svg(String)} and {@link #raw(String)} insert markup verbatim.
 */
public final class Html {

    private static final String STYLE = "body{font-family:sans-serif;margin:2em auto;max-width:60em;color:#222;"
            + "padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}"
            + "table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
            + "figure{margin:1em 0}figcaption{font-size:.85em;color:#555}"
            + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto}.grid{display:flex;flex-wrap:wrap;gap:1em}";

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?|n/a");

    private final String title;
    private final StringBuilder body = new StringBuilder();

    private Html(String title) {
        this.title = title == null ? "" : title;
    }

    /** Starts a page; the title becomes both {@code <title>} and the top {@code <h1>}. */
    public static Html page(String title) {
        Html h = new Html(title);
        h.body.append("<h1>").append(escape(h.title)).append("</h1>\n");
        return h;
    }

    /** Adds a section heading. */
    public Html heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Adds a paragraph of plain text. */
    public Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Adds preformatted plain text. */
    public Html pre(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** Adds a bulleted list of plain-text items. */
    public Html list(List<String> items) {
        body.append("<ul>");
        for (String item : items) {
            body.append("<li>").append(escape(item)).append("</li>");
        }
        body.append("</ul>\n");
        return this;
    }

    /**
     * Adds a table; every cell is plain text (numbers are right-aligned). Rows shorter than the header are padded
     * with empty cells.
     */
    public Html table(List<String> header, List<List<String>> rows) {
        body.append("<table><thead><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            body.append("<tr>");
            int cells = Math.max(header.size(), row.size());
            for (int i = 0; i < cells; i++) {
                String cell = i < row.size() ? row.get(i) : "";
                body.append(NUMBER.matcher(cell).matches() ? "<td class=\"num\">" : "<td>").append(escape(cell))
                        .append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</tbody></table>\n");
        return this;
    }

    /** Adds an inline SVG chart (from {@link LineChart} or {@link Histogram}) with an optional caption. */
    public Html svg(String svg, String caption) {
        body.append("<figure>").append(svg);
        if (caption != null && !caption.isEmpty()) {
            body.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        body.append("</figure>\n");
        return this;
    }

    /** Adds an inline SVG chart without caption. */
    public Html svg(String svg) {
        return svg(svg, null);
    }

    /** Inserts trusted, well-formed markup verbatim (the caller is responsible for escaping). */
    public Html raw(String markup) {
        body.append(markup);
        return this;
    }

    /** The complete page. */
    public String build() {
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    /**
     * Escapes text for HTML/XML text and attribute values ({@code & < > " '}); characters not allowed in XML 1.0
     * (control characters other than tab/newline/return, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
