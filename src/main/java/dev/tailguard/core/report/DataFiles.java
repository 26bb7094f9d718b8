package dev.tailguard.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blended output's files of one format, as paths relative to the dataset root (the run root), for the card's
 * {@code configs[].data_files}. Format {@code json} covers {@code .jsonl} and {@code .jsonl.zst} shards (the Hub's
 * JSON builder reads both), {@code parquet} covers {@code .parquet} shards.
 *
 * @param format {@code json} or {@code parquet}
 * @param paths  relative paths, in shard order
 */
public record DataFiles(String format, List<String> paths) {

    /** Columns of the Parquet shards ({@code dev.tailguard.core.io.parquet.ParquetDocumentWriter}'s schema). */
    public static final DatasetFeatures PARQUET_FEATURES = parquetFeatures();

    private static DatasetFeatures parquetFeatures() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "");
        row.put("text", "");
        row.put("source", "");
        row.put("kind", "");
        row.put("generation", 0L);
        row.put("metadata", "");
        return new DatasetFeatures().add(row);
    }

    /** Groups a run's blended object keys by format, Parquet first when present (it becomes the default config). */
    public static List<DataFiles> of(String runId, List<String> keys) {
        Map<String, List<String>> byFormat = new LinkedHashMap<>();
        byFormat.put("parquet", new ArrayList<>());
        byFormat.put("json", new ArrayList<>());
        for (String k : keys) {
            String rel = relative(runId, k);
            if (rel.endsWith(".parquet")) {
                byFormat.get("parquet").add(rel);
            } else if (rel.endsWith(".jsonl") || rel.endsWith(".jsonl.zst") || rel.endsWith(".json")) {
                byFormat.get("json").add(rel);
            } else {
                throw new IllegalArgumentException("blended output '" + k + "' is neither JSONL nor Parquet");
            }
        }
        List<DataFiles> out = new ArrayList<>();
        byFormat.forEach((f, p) -> {
            if (!p.isEmpty()) {
                out.add(new DataFiles(f, List.copyOf(p)));
            }
        });
        return out;
    }

    /**
     * A key relative to the run root: {@code runs/<runId>/blended/part-00000.jsonl} becomes
     * {@code blended/part-00000.jsonl}; a key outside the run root keeps only its part from the last
     * {@code blended/} on (never an absolute path).
     */
    static String relative(String runId, String key) {
        String root = "runs/" + runId + "/";
        int at = key.indexOf(root);
        if (at >= 0) {
            return key.substring(at + root.length());
        }
        int b = key.lastIndexOf("blended/");
        if (b >= 0) {
            return key.substring(b);
        }
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
