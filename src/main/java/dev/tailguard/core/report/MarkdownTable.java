package dev.tailguard.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table whose header, separator and every row have the same number of cells. Cell text
 * is escaped ({@code |} becomes {@code \|}, line breaks become spaces, null becomes {@code -}), so a value can never
 * add or remove a column.
 */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers (at least one). */
    public MarkdownTable(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a Markdown table needs at least one column");
        }
        this.header = List.of(header);
    }

    /** Adds a row; it must have exactly as many cells as the header. */
    public MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.size()
                    + " columns " + header);
        }
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(cell(c));
        }
        rows.add(r);
        return this;
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** The table as Markdown, ending with a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, header.stream().map(MarkdownTable::cell).toList());
        line(sb, header.stream().map(h -> "---").toList());
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    /** Escapes one cell's text. */
    public static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String s = String.valueOf(value).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace("|", "\\|").strip();
        return s.isEmpty() ? "-" : s;
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append('\n');
    }
}
