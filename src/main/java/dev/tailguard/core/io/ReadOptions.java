package dev.tailguard.core.io;

import java.util.Objects;

/**
 * How input JSONL lines are read.
 *
 * @param maxLineBytes       lines with more bytes than this are rejected as {@code line_too_large} (&gt; 0)
 * @param textField          the field holding the document text ({@code tailguard.input.text-field}, default
 *                           {@code text}; {@code content} is common)
 * @param untrustProvenance  move provenance-like metadata into {@code metadata.claimed_provenance}
 *                           ({@link dev.tailguard.core.doc.ClaimedProvenance}); true for every real input
 */
public record ReadOptions(long maxLineBytes, String textField, boolean untrustProvenance) {

    /** Config key of {@link #textField}. */
    public static final String TEXT_FIELD_KEY = "tailguard.input.text-field";
    /** Default text field. */
    public static final String DEFAULT_TEXT_FIELD = "text";

    public ReadOptions {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("max line bytes must be > 0, got " + maxLineBytes);
        }
        Objects.requireNonNull(textField, TEXT_FIELD_KEY);
        if (textField.isBlank()) {
            throw new IllegalArgumentException(TEXT_FIELD_KEY + " must not be blank");
        }
    }

    /** Defaults: 8 MiB lines, field {@code text}, provenance untrusted. */
    public static ReadOptions defaults() {
        return new ReadOptions(JsonlReader.DEFAULT_MAX_LINE_BYTES, DEFAULT_TEXT_FIELD, true);
    }

    /**
     * The options for one source: provenance is trusted only in Tailguard's own published output
     * ({@link InputSources.Source#tailguardOutput()}), never in external input.
     */
    public ReadOptions forSource(InputSources.Source source) {
        return new ReadOptions(maxLineBytes, textField, !source.tailguardOutput());
    }

    /** A copy with another line limit. */
    public ReadOptions withMaxLineBytes(long v) {
        return new ReadOptions(v, textField, untrustProvenance);
    }

    /** A copy with another text field. */
    public ReadOptions withTextField(String v) {
        return new ReadOptions(maxLineBytes, v, untrustProvenance);
    }
}
