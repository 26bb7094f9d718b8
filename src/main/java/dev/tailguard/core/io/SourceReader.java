package dev.tailguard.core.io;

import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.parquet.ParquetDocumentReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Reads one resolved input ({@link InputSources.Source}) as a sequence of {@link JsonlLine}s, whatever its format:
 * JSONL (plain, gzip or zstd by content, through {@link JsonlReader}) or Parquet (a {@code .parquet} name or the
 * {@code PAR1} magic, through {@link ParquetDocumentReader}; rows count as lines, 1-based). The same
 * {@link ReadOptions} apply to both: the text field, the line limit (JSONL) and provenance handling: provenance-like
 * metadata of a source that is not Tailguard's own published output is kept only as the document's claim
 * ({@link ClaimedProvenance}). Rejected lines and rows carry their typed reason.
 */
public final class SourceReader {

    /** The Parquet magic bytes at the start (and end) of every Parquet file. */
    private static final byte[] PAR1 = {'P', 'A', 'R', '1'};

    private SourceReader() {
    }

    /** Whether the source is Parquet: by its name, else by the {@code PAR1} magic of its first bytes. */
    public static boolean isParquet(InputSources.Source source) throws IOException {
        if (source.name().endsWith(".parquet")) {
            return true;
        }
        try (InputStream raw = new BufferedInputStream(source.opener().open())) {
            byte[] head = raw.readNBytes(4);
            return java.util.Arrays.equals(head, PAR1);
        }
    }

    /**
     * Streams every line (or row) of the source to {@code onLine}, in order.
     *
     * @return the number of lines or rows read
     * @throws IOException when the source cannot be read (the message names it)
     */
    public static long forEach(InputSources.Source source, ReadOptions options, Consumer<JsonlLine> onLine)
            throws IOException {
        ReadOptions o = options.forSource(source);
        if (isParquet(source)) {
            return parquet(source, o, onLine);
        }
        long n = 0;
        try (JsonlReader r = new JsonlReader(source.open(), source.name(), o)) {
            while (r.hasNext()) {
                onLine.accept(r.next());
                n++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n;
    }

    private static long parquet(InputSources.Source source, ReadOptions o, Consumer<JsonlLine> onLine)
            throws IOException {
        Path tmp = Files.createTempFile("tailguard-input-", ".parquet");
        try {
            try (InputStream in = source.opener().open()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            ParquetDocumentReader reader = new ParquetDocumentReader(o.textField());
            long[] row = {0};
            try {
                return reader.read(tmp, source.name(),
                        d -> onLine.accept(valid(source, ++row[0], o, d)),
                        p -> {
                            row[0] = p.row() + 1;
                            onLine.accept(new JsonlLine(source.name(), row[0], null, p.reason().id(), p.detail(), null));
                        });
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IOException("Parquet input " + source.name() + " cannot be read: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static JsonlLine valid(InputSources.Source source, long row, ReadOptions o, Document d) {
        Document doc = o.untrustProvenance() ? ClaimedProvenance.untrust(d) : d;
        return new JsonlLine(source.name(), row, doc, null, null, null);
    }
}
