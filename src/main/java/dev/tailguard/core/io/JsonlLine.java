package dev.tailguard.core.io;

import dev.tailguard.core.doc.Document;

/**
 * One line of a JSONL input: either a valid {@link Document} or a rejection with its reason.
 *
 * @param file     the input name the line came from
 * @param line     1-based line number
 * @param document the parsed document, or null when the line is malformed
 * @param reason   short machine-readable reason ({@code not_json}, {@code missing_text}, {@code text_not_string},
 *                 {@code empty_text}, {@code invalid_utf8}, {@code line_too_large}, {@code invalid_field},
 *                 {@code lone_surrogate}, {@code trailing_data}), null when valid
 * @param detail   human-readable detail, null when valid
 * @param raw      at most the first 256 characters of the line (lossy decoded) for malformed lines, else null
 */
public record JsonlLine(String file, long line, Document document, String reason, String detail, String raw) {

    /** Whether the line held a valid document. */
    public boolean valid() {
        return document != null;
    }
}
