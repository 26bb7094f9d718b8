package dev.tailguard.core.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Scores a text file (one sentence per line, tokens separated by {@link SentenceFile#isDelimiter} bytes) the way
 * KenLM's {@code query} does, reading raw bytes in blocks: tokens are looked up by their UTF-8 bytes
 * ({@link ByteVocabulary}) and one {@link KneserNeyModel.State} is reused, so the loop allocates nothing per token.
 * Lines end at LF only (a CR is a token delimiter, as in KenLM); the result equals
 * {@link KneserNeyModel#evaluate} over {@link SentenceFile} for any file without a lone CR.
 */
final class ByteQuery {
    private static final int BLOCK = 1 << 20;

    private ByteQuery() {
    }

    static PerplexityResult evaluate(KneserNeyModel m, Path file) throws IOException {
        ByteVocabulary bv = m.byteVocabulary();
        KneserNeyModel.State s = m.beginSentence();
        double total = 0;
        double oovTotal = 0;
        long oovs = 0;
        long tokens = 0;
        byte[] buf = new byte[BLOCK];
        int len = 0;
        boolean lineOpen = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean eof = false;
            while (!eof) {
                int n = ch.read(ByteBuffer.wrap(buf, len, buf.length - len));
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
                int pos = 0;
                int tokStart = -1;
                for (int i = 0; i < len; i++) {
                    byte c = buf[i];
                    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0) {
                        if (tokStart >= 0) {
                            int w = bv.id(buf, tokStart, i);
                            double lp = m.score(s, w);
                            if (w == Vocabulary.UNK) {
                                oovs++;
                                oovTotal += lp;
                            }
                            total += lp;
                            tokens++;
                            tokStart = -1;
                        }
                        if (c == '\n') {
                            total += m.score(s, Vocabulary.EOS);
                            tokens++;
                            s.reset(Vocabulary.BOS);
                            lineOpen = false;
                        }
                        pos = i + 1;
                    } else {
                        lineOpen = true;
                        if (tokStart < 0) {
                            tokStart = i;
                        }
                    }
                }
                if (eof) {
                    if (tokStart >= 0) {
                        int w = bv.id(buf, tokStart, len);
                        double lp = m.score(s, w);
                        if (w == Vocabulary.UNK) {
                            oovs++;
                            oovTotal += lp;
                        }
                        total += lp;
                        tokens++;
                    }
                    if (lineOpen) {
                        total += m.score(s, Vocabulary.EOS);
                        tokens++;
                    }
                } else {
                    // Keep the unfinished token at the start of the buffer; grow it for a token longer than a block.
                    int rest = len - pos;
                    if (rest == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    } else {
                        System.arraycopy(buf, pos, buf, 0, rest);
                    }
                    len = rest;
                }
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no sentences to evaluate in " + file);
        }
        double incl = Math.pow(10.0, -total / tokens);
        double excl = Math.pow(10.0, -(total - oovTotal) / (tokens - oovs));
        return new PerplexityResult(incl, excl, oovs, tokens, total);
    }
}
