package dev.tailguard.core.collapse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sentence embeddings of a bounded sample of windows, stored compactly (little-endian float32, Base64).
 *
 * @param model     the embedding model's name
 * @param dimension vector length
 * @param count     number of vectors
 * @param vectors   Base64 of count × dimension little-endian floats
 */
public record EmbeddingSample(String model, int dimension, int count, String vectors) {

    /** Packs vectors (all of one dimension). */
    public static EmbeddingSample of(String model, List<float[]> vectors) {
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        ByteBuffer b = ByteBuffer.allocate(4 * dim * vectors.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            if (v.length != dim) {
                throw new IllegalArgumentException("embedding dimensions differ: " + v.length + " vs " + dim);
            }
            for (float f : v) {
                b.putFloat(f);
            }
        }
        return new EmbeddingSample(model, dim, vectors.size(), Base64.getEncoder().encodeToString(b.array()));
    }

    /** Unpacks the vectors. */
    public List<float[]> unpack() {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(vectors)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != 4L * dimension * count) {
            throw new IllegalArgumentException("embedding sample holds " + b.remaining() + " bytes, expected "
                    + 4L * dimension * count);
        }
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = b.getFloat();
            }
            out.add(v);
        }
        return out;
    }
}
