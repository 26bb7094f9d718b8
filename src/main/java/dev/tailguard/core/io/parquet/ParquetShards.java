package dev.tailguard.core.io.parquet;

import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Publishes a JSONL shard sequence as Parquet files in the Hugging Face datasets layout
 * ({@code <prefix>train-00000-of-00003.parquet}, ...; the Hub's default for a single {@code train} split). The
 * documents keep their order; each file holds at most {@code perFile} documents. Re-running writes the same keys
 * and bytes (each file is replaced), so a stage that publishes through this class stays idempotent.
 */
public final class ParquetShards {

    /** File name prefix of the single split. */
    public static final String SPLIT = "train";

    private ParquetShards() {
    }

    /** The key of file {@code index} of {@code files} under {@code prefix} (which ends with {@code /}). */
    public static String key(String prefix, int index, int files) {
        return prefix + String.format(Locale.ROOT, "%s-%05d-of-%05d.parquet", SPLIT, index, files);
    }

    /** How many files {@code documents} documents take at {@code perFile} per file (at least one). */
    public static int files(long documents, int perFile) {
        if (perFile <= 0 || documents < 0) {
            throw new IllegalArgumentException("documents must be >= 0 and per-file > 0, got " + documents + ", " + perFile);
        }
        return (int) Math.max(1, (documents + perFile - 1) / perFile);
    }

    /**
     * Writes the documents of {@code jsonlKeys} (in key order) as Parquet under {@code prefix}.
     *
     * @param documents the number of documents the keys hold (decides the file count in the names)
     * @return the keys written, in order
     * @throws IllegalStateException when the keys hold a different number of documents
     */
    public static List<String> publish(ObjectStore store, List<String> jsonlKeys, String prefix, long documents,
                                       int perFile) {
        int files = files(documents, perFile);
        List<String> keys = new ArrayList<>();
        Path tmp = null;
        try {
            tmp = Files.createTempFile("tailguard-", ".parquet");
            Path file = tmp;
            ParquetDocumentWriter[] w = {ParquetDocumentWriter.open(file)};
            long[] seen = {0};
            Shards.forEachDocument(store, jsonlKeys, d -> {
                try {
                    if (w[0].written() == perFile) {
                        w[0].close();
                        keys.add(flush(store, file, prefix, keys.size(), files));
                        w[0] = ParquetDocumentWriter.open(file);
                    }
                    w[0].write(d);
                    seen[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w[0].close();
            if (seen[0] != documents) {
                throw new IllegalStateException("blended shards hold " + seen[0] + " documents, expected " + documents);
            }
            keys.add(flush(store, file, prefix, keys.size(), files));
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("writing Parquet under " + store.describe(prefix), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans it up
                }
            }
        }
    }

    private static String flush(ObjectStore store, Path file, String prefix, int index, int files) throws IOException {
        String key = key(prefix, index, files);
        store.put(key, file);
        return key;
    }
}
