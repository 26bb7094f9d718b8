package dev.tailguard.core.generate;

import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds synthetic documents with the provenance metadata every generator must record. */
public final class SyntheticRecord {

    /** Seed metadata never copied to a synthetic document: Tailguard's provenance and the seed's claimed one. */
    private static final Set<String> PROVENANCE_KEYS = ClaimedProvenance.RESERVED;

    private SyntheticRecord() {
    }

    /**
     * A synthetic document derived from one seed. The seed's user metadata (e.g. {@code year}) is kept, its
     * provenance fields are replaced; {@code generation} becomes the seed's generation + 1, {@code seed_ids},
     * {@code content_sha256} and {@code kind=synthetic} are set, {@code run_id}/{@code parent_run} when non-null.
     *
     * @param fields generator-specific provenance ({@code model}, {@code style}, ...); null values are skipped
     */
    public static Document of(Document seed, String id, String text, String generator, String runId,
                              String parentRun, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        seed.metadata().forEach((k, v) -> {
            if (!PROVENANCE_KEYS.contains(k)) {
                m.put(k, v);
            }
        });
        m.put(Provenance.KIND, "synthetic");
        m.put(Provenance.GENERATOR, generator);
        fields.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        m.put(Provenance.SEED_IDS, List.of(seed.id()));
        m.put(Provenance.GENERATION, seed.generation() + 1);
        if (parentRun != null) {
            m.put(Provenance.PARENT_RUN, parentRun);
        }
        if (runId != null) {
            m.put(Provenance.RUN_ID, runId);
        }
        m.put(Provenance.CONTENT_SHA256, sha256Hex(text));
        return new Document(id, text, generator, m);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of the text. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A stable 64-bit hash (FNV-1a over UTF-8) used to derive per-seed random streams from ids. */
    public static long stableHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
