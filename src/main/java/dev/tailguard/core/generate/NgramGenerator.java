package dev.tailguard.core.generate;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.lm.SamplingOptions;
import dev.tailguard.core.text.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@code ngram} generator: samples text from a modified Kneser-Ney model ({@link KneserNeyModel}, KenLM-exact)
 * trained on the run's real input. For each seed it samples whole sentences until the seed's token count (capped by
 * {@code maxTokens}) is reached. Randomness is
 * derived from the run seed and the seed document's id and ordinal, so output does not depend on batching.
 */
public final class NgramGenerator implements Generator {

    /** Generator name recorded in provenance. */
    public static final String NAME = "ngram";

    private final KneserNeyModel model;
    private final long seed;
    private final double temperature;
    private final int topK;
    private final int maxTokens;
    private final String runId;
    private final Map<String, Object> parameters;
    private long produced;

    /**
     * @param model       the trained model
     * @param seed        run seed
     * @param temperature sampling temperature (1 = exact sampling)
     * @param topK        top-k cut-off (0 = off)
     * @param maxTokens   cap on tokens per synthetic document
     * @param runId       run id recorded in provenance
     */
    public NgramGenerator(KneserNeyModel model, long seed, double temperature, int topK, int maxTokens, String runId) {
        this.model = model;
        this.seed = seed;
        this.temperature = temperature;
        this.topK = topK;
        this.maxTokens = maxTokens;
        this.runId = runId;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order", model.order());
        p.put("smoothing", "modified-kneser-ney");
        p.put("max_tokens", maxTokens);
        p.put("seed", seed);
        p.put("temperature", temperature);
        p.put("top_k", topK);
        this.parameters = Map.copyOf(p);
    }

    /** Adds a document's sentences ({@code Tokenizer.sentences} then {@code Tokenizer.words}) to a trainer. */
    public static void addDocument(KneserNeyTrainer trainer, Document d) {
        for (String s : Tokenizer.sentences(d.text())) {
            List<String> w = Tokenizer.words(s);
            if (!w.isEmpty()) {
                trainer.add(w);
            }
        }
    }

    /** The trained model. */
    public KneserNeyModel model() {
        return model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order", parameters.get("order"));
        p.put("smoothing", parameters.get("smoothing"));
        p.put("max_tokens", parameters.get("max_tokens"));
        p.put("seed", parameters.get("seed"));
        p.put("temperature", parameters.get("temperature"));
        p.put("top_k", parameters.get("top_k"));
        return p;
    }

    @Override
    public void generate(List<Document> seeds, GenerationSink sink) {
        for (Document s : seeds) {
            long ordinal = produced++;
            int target = Math.max(1, Math.min(maxTokens, Tokenizer.count(s.text())));
            SplittableRandom rnd = new SplittableRandom(mix(seed, s.id().hashCode(), ordinal));
            List<String> sentences = new ArrayList<>();
            int tokens = 0;
            int attempts = 0;
            while (tokens < target && attempts < target + 100) {
                attempts++;
                List<String> sent = model.sample(rnd, new SamplingOptions(temperature, topK, 200));
                if (!sent.isEmpty()) {
                    sentences.add(detokenize(sent));
                    tokens += sent.size();
                }
            }
            String text = String.join(" ", sentences);
            if (text.isBlank()) {
                sink.reject(s.id(), "empty_sample", "the model produced no tokens for seed " + s.id());
                continue;
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put(Provenance.KIND, "synthetic");
            meta.put(Provenance.GENERATOR, NAME);
            meta.put(Provenance.MODEL, "kneser-ney-order-" + model.order());
            meta.put(Provenance.TEMPERATURE, temperature);
            meta.put(Provenance.TOP_K, topK);
            meta.put(Provenance.PARAMETERS, parameters());
            meta.put(Provenance.SEED_IDS, List.of(s.id()));
            meta.put(Provenance.GENERATION, s.generation() + 1);
            meta.put(Provenance.RUN_ID, runId);
            if (s.meta(Provenance.RUN_ID) != null) {
                meta.put(Provenance.PARENT_RUN, s.meta(Provenance.RUN_ID));
            }
            meta.put(Provenance.CONTENT_SHA256, sha256(text));
            String id = (runId == null ? "" : runId + ":") + String.format("ngram-%06d", ordinal);
            sink.accept(new Document(id, text, NAME, meta));
        }
    }

    private static long mix(long seed, int idHash, long ordinal) {
        long z = seed * 0x9E3779B97F4A7C15L + idHash * 0xBF58476D1CE4E5B9L + ordinal * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Joins tokens with spaces, attaching closing punctuation to the previous token and capitalising the start. */
    public static String detokenize(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            boolean attach = t.length() == 1 && ",.;:!?)]%".indexOf(t.charAt(0)) >= 0;
            if (sb.length() > 0 && !attach && sb.charAt(sb.length() - 1) != '(' && sb.charAt(sb.length() - 1) != '$') {
                sb.append(' ');
            }
            sb.append(t);
        }
        if (sb.length() > 0) {
            sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        }
        return sb.toString();
    }

    /** Hex SHA-256 of the UTF-8 text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
