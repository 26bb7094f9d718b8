package dev.tailguard.core.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** ARPA reading and writing. Numbers are written as the shortest decimal that reads back to the same float. */
final class Arpa {
    private Arpa() {
    }

    static void write(KneserNeyModel m, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("\\data\\\n");
        for (int k = 1; k <= m.order; k++) {
            sb.append("ngram ").append(k).append('=').append(m.sizes[k]).append('\n');
        }
        for (int k = 1; k <= m.order; k++) {
            sb.append("\n\\").append(k).append("-grams:\n");
            float[] lp = m.logProb[k];
            float[] lb = k < m.order ? m.logBackoff[k] : null;
            for (int e = 0; e < m.sizes[k]; e++) {
                sb.append(lp[e]).append('\t');
                int[] w = m.words(k, e);
                for (int i = 0; i < w.length; i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(m.vocab.word(w[i]));
                }
                if (lb != null) {
                    sb.append('\t').append(lb[e]);
                }
                sb.append('\n');
                if (sb.length() > (1 << 16) - 256) {
                    out.write(sb.toString());
                    sb.setLength(0);
                }
            }
        }
        sb.append("\n\\end\\\n");
        out.write(sb.toString());
        out.flush();
    }

    static KneserNeyModel read(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.strip().equals("\\data\\")) {
                break;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("ARPA: no \\data\\ header found");
        }
        List<Integer> counts = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty()) {
                if (counts.isEmpty()) {
                    continue;
                }
                break;
            }
            if (!t.startsWith("ngram ") || t.indexOf('=') < 0) {
                throw new IllegalArgumentException("ARPA line " + lineNo + ": expected 'ngram N=count', got '" + t + "'");
            }
            int k = Integer.parseInt(t.substring(6, t.indexOf('=')).strip());
            if (k != counts.size() + 1) {
                throw new IllegalArgumentException("ARPA line " + lineNo + ": ngram orders out of sequence");
            }
            counts.add(Integer.parseInt(t.substring(t.indexOf('=') + 1).strip()));
        }
        int order = counts.size();
        if (order < 2) {
            throw new IllegalArgumentException("ARPA: need n-grams of order 2 or more, header lists " + order);
        }
        Vocabulary vocab = new Vocabulary();
        LongIntHashMap[] tables = new LongIntHashMap[order + 1];
        int[][] suffix = new int[order + 1][];
        int[][] first = new int[order + 1][];
        float[][] logProb = new float[order + 1][];
        float[][] logBackoff = new float[order + 1][];
        int[] ids = new int[order];
        for (int k = 1; k <= order; k++) {
            String header = "\\" + k + "-grams:";
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.equals(header)) {
                    throw new IllegalArgumentException("ARPA line " + lineNo + ": expected " + header + ", got '" + t + "'");
                }
                break;
            }
            int n = counts.get(k - 1);
            // Unigrams are indexed by word id; the three specials come first.
            int cap = k == 1 ? n + 3 : n;
            float[] lp = new float[cap];
            float[] lb = new float[cap];
            boolean[] seen = k == 1 ? new boolean[cap] : null;
            if (k > 1) {
                tables[k] = new LongIntHashMap(n);
                suffix[k] = new int[n];
                first[k] = new int[n];
            }
            for (int e = 0; e < n; e++) {
                line = in.readLine();
                lineNo++;
                if (line == null) {
                    throw new IllegalArgumentException("ARPA: unexpected end of file in " + header);
                }
                String[] f = line.strip().split("\\s+");
                if (f.length != k + 1 && f.length != k + 2) {
                    throw new IllegalArgumentException("ARPA line " + lineNo + ": expected " + k + " words, got '" + line + "'");
                }
                float p;
                float b;
                try {
                    p = Float.parseFloat(f[0]);
                    b = f.length == k + 2 ? Float.parseFloat(f[k + 1]) : 0f;
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("ARPA line " + lineNo + ": bad number in '" + line + "'");
                }
                if (k == 1) {
                    int id = vocab.add(f[1]);
                    if (id >= cap || seen[id]) {
                        throw new IllegalArgumentException("ARPA line " + lineNo + ": duplicate or surplus unigram '" + f[1] + "'");
                    }
                    seen[id] = true;
                    lp[id] = p;
                    lb[id] = b;
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    int id = vocab.id(f[i + 1]);
                    if (id == Vocabulary.UNK && !f[i + 1].equals(Vocabulary.UNK_WORD)) {
                        throw new IllegalArgumentException("ARPA line " + lineNo + ": word '" + f[i + 1] + "' is not a unigram");
                    }
                    ids[i] = id;
                }
                int suf = findIn(tables, ids, 1, k);
                if (suf < 0) {
                    throw new IllegalArgumentException("ARPA line " + lineNo + ": suffix of '" + line + "' is missing");
                }
                if (tables[k].putIfAbsent(LongIntHashMap.pack(suf, ids[0]), e) >= 0) {
                    throw new IllegalArgumentException("ARPA line " + lineNo + ": duplicate n-gram '" + line + "'");
                }
                suffix[k][e] = suf;
                first[k][e] = ids[0];
                lp[e] = p;
                lb[e] = b;
            }
            if (k == 1) {
                int v = vocab.size();
                if (!seen[Vocabulary.UNK]) {
                    // KenLM substitutes log10 p(<unk>) = -100 when the ARPA file lacks <unk>.
                    lp[Vocabulary.UNK] = -100f;
                }
                lp = java.util.Arrays.copyOf(lp, v);
                lb = java.util.Arrays.copyOf(lb, v);
            }
            logProb[k] = lp;
            logBackoff[k] = k < order ? lb : null;
        }
        return new KneserNeyModel(order, vocab, tables, suffix, first, logProb, logBackoff, null, null, List.of());
    }

    private static int findIn(LongIntHashMap[] tables, int[] ids, int from, int to) {
        int cur = ids[to - 1];
        for (int j = to - 2, k = 2; j >= from; j--, k++) {
            cur = tables[k].get(LongIntHashMap.pack(cur, ids[j]));
            if (cur < 0) {
                return -1;
            }
        }
        return cur;
    }
}
