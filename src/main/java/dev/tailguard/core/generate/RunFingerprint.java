package dev.tailguard.core.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tailguard.core.generate.llm.LlmConfig;
import dev.tailguard.core.generate.llm.PromptLibrary;
import dev.tailguard.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything that changes a run's outputs, as canonical JSON (keys sorted at every level) and its SHA-256: the
 * generator and all its settings (model, endpoint without credentials, sampling, limits, the SHA-256 of every prompt
 * template the style mix can pick), every {@code tailguard.*} configuration value except secrets, the frozen real
 * anchor's key, and the SHA-256 of each input's bytes. A deterministic run id derived from it ({@link #runId})
 * changes whenever any of these does, so a changed {@code tailguard.generate.*} setting never reuses stale outputs.
 * The API key is never part of it (it does not change outputs, and the fingerprint is stored in manifests).
 */
public final class RunFingerprint {

    /** Config keys left out: secrets, which never change outputs and must not be stored. */
    static final Pattern SECRET = Pattern.compile("(?i).*(api-key|password|secret|auth-token|credentials?)$");
    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Map<String, Object> parts = new TreeMap<>();
    private final Map<String, String> inputs = new TreeMap<>();
    private final Map<String, String> config = new TreeMap<>();

    /** The generator spec: name, run seed, rules settings, and for {@code llm} every setting and prompt hash. */
    public RunFingerprint generator(GeneratorSpec spec) {
        Map<String, Object> g = new TreeMap<>();
        g.put("generator", spec.generator());
        g.put("seed", spec.seed());
        g.put("rules", Json.MAPPER.convertValue(spec.rules(), Map.class));
        LlmConfig llm = spec.llm();
        if (llm != null) {
            g.put("llm", llm.describe());
            PromptLibrary prompts = PromptLibrary.load(llm.promptDir());
            Map<String, String> sha = new TreeMap<>();
            for (String id : llm.styleMix().keySet()) {
                sha.put(id, prompts.get(id).sha256());
            }
            g.put("prompt_sha256", sha);
        }
        parts.put("generator", g);
        return this;
    }

    /** Any other output-changing value (e.g. the stage's own settings), under a name. */
    public RunFingerprint setting(String name, Object value) {
        parts.put("setting." + name, value);
        return this;
    }

    /** The key of the frozen real anchor the run compares against. */
    public RunFingerprint anchor(String anchorKey) {
        parts.put("anchor", anchorKey);
        return this;
    }

    /** Every {@code tailguard.*} configuration value (secrets left out; other keys ignored). */
    public RunFingerprint config(Map<String, String> values) {
        values.forEach((k, v) -> {
            if (k.startsWith("tailguard.") && !SECRET.matcher(k).matches()) {
                config.put(k, v);
            }
        });
        return this;
    }

    /** One input, by name and the SHA-256 of its bytes (the stream is read to the end and closed). */
    public RunFingerprint input(String name, InputStream bytes) throws IOException {
        MessageDigest md = sha256();
        try (DigestInputStream in = new DigestInputStream(bytes, md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        inputs.put(name, HexFormat.of().formatHex(md.digest()));
        return this;
    }

    /** The canonical JSON of everything added. */
    public String canonicalJson() {
        Map<String, Object> all = new TreeMap<>(parts);
        all.put("config", config);
        all.put("inputs", inputs);
        try {
            return CANONICAL.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode run fingerprint", e);
        }
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256().digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
    }

    /** A run id {@code <prefix>-<first 16 hex digits of the fingerprint>}. */
    public String runId(String prefix) {
        return prefix + "-" + sha256Hex().substring(0, 16);
    }

    /** The names of the inputs added, sorted. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
