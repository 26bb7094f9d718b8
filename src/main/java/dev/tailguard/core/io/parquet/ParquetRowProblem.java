package dev.tailguard.core.io.parquet;

/**
 * A Parquet row that is not a valid document, for quarantine.
 *
 * @param file   the file's name
 * @param row    0-based row number in the file
 * @param reason {@link Reason}
 * @param detail human-readable detail naming the column
 */
public record ParquetRowProblem(String file, long row, Reason reason, String detail) {

    /** Why a row was rejected (the same names as JSONL's malformed-line reasons). */
    public enum Reason {
        /** The text column is null in this row. */
        MISSING_TEXT,
        /** The text column holds no characters (after stripping whitespace). */
        EMPTY_TEXT,
        /** The metadata column is not a JSON object. */
        INVALID_FIELD;

        /** The reason as written to quarantine records ({@code missing_text}). */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
