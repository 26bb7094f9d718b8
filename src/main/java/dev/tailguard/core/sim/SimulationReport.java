package dev.tailguard.core.sim;

import dev.tailguard.core.io.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.core.plot.Histogram;
import dev.tailguard.core.plot.Html;
import dev.tailguard.core.plot.LineChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link SimulationResult} as {@code simulation.json}, {@code simulation.html} (self-contained, one chart
 * per metric, seed spread as a min–max band) and {@code SUMMARY.md} (measured tables and the acceptance
 * statements, each held / did not hold with its numbers).
 *
 * <p>JSON schema ({@value #SCHEMA}): {@code {schema, input, config{generations, strategies[], order, holdout,
 * holdout_unit, seeds[], tail_ngram, tail_max_count, verify_band_quantiles[], verify_max_draw, threads},
 * real{documents, train_sentences, train_tokens, heldout_sentences, heldout_tokens, types, tail_types},
 * verifier{band[], real_acceptance} (when verified ran), strategies{<label>{failures[{seed, reason}],
 * generations[{generation, <metric>{mean, min, max, seeds[]}..., counts_of_counts{mean[order][4], seeds[seed][order][4]},
 * discount_fallback{mean (share of seeds), seeds[bool]}, verified_rejections{seeds[{reason: count}]} }]}},
 * acceptance[{id, statement, held (true/false/null), verdict, measured, seeds_held, seeds}], seconds}}.
 * Scalar metrics are {@link GenerationResult#SCALARS}; a value that is undefined (NaN, e.g. the acceptance rate
 * outside {@code verified}) is written as null.
 */
public final class SimulationReport {

    /** Schema identifier written into {@code simulation.json}. */
    public static final String SCHEMA = "tailguard.simulation/1";

    private static final ObjectMapper JSON = Json.PRETTY;

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("heldout_perplexity", "Held-out real perplexity (OOVs included)"),
            Map.entry("heldout_perplexity_excluding_oovs", "Held-out real perplexity (OOVs excluded)"),
            Map.entry("heldout_oovs", "Held-out OOV tokens"),
            Map.entry("vocab_size", "Model vocabulary (word types)"),
            Map.entry("tail_coverage", "Tail coverage of the output (real rare types reproduced)"),
            Map.entry("type_recall", "Type recall of the output (real types reproduced)"),
            Map.entry("distinct_1", "Distinct-1 of the output"),
            Map.entry("distinct_2", "Distinct-2 of the output"),
            Map.entry("compression_ratio", "Compression ratio of the output (higher = more repetitive)"),
            Map.entry("near_duplicate_rate", "Near-duplicate rate of the output sentences"),
            Map.entry("drift_perplexity", "Drift perplexity: output under the generation-0 model"),
            Map.entry("training_tokens", "Training tokens"),
            Map.entry("output_tokens", "Output tokens"),
            Map.entry("truncated_sentences", "Output sentences cut at the sampling cap"),
            Map.entry("verified_acceptance_rate", "Verifier acceptance rate (documents)"),
            Map.entry("discount_fallback", "Discount fallback used (share of seeds)"));

    private SimulationReport() {
    }

    /** Writes the three files into {@code dir} (created if needed) and returns their paths. */
    public static List<Path> write(SimulationResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Acceptance.Check> checks = Acceptance.evaluate(r);
        Path json = dir.resolve("simulation.json");
        Path html = dir.resolve("simulation.html");
        Path md = dir.resolve("SUMMARY.md");
        Files.writeString(json, JSON.writeValueAsString(json(r, checks)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(html, html(r, checks), StandardCharsets.UTF_8);
        Files.writeString(md, markdown(r, checks), StandardCharsets.UTF_8);
        return List.of(json, html, md);
    }

    /** The {@code simulation.json} tree. */
    public static ObjectNode json(SimulationResult r, List<Acceptance.Check> checks) {
        SimulationConfig c = r.config();
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("input", c.input().toString());
        ObjectNode cfg = root.putObject("config");
        cfg.put("generations", c.generations());
        ArrayNode st = cfg.putArray("strategies");
        c.strategies().forEach(s -> st.add(s.label()));
        cfg.put("order", c.order());
        cfg.put("holdout", c.holdout());
        cfg.put("holdout_unit", "sentence");
        ArrayNode seeds = cfg.putArray("seeds");
        for (int i = 0; i < c.seeds(); i++) {
            seeds.add(c.seed(i));
        }
        cfg.put("tail_ngram", c.tailNgram());
        cfg.put("tail_max_count", c.tailMaxCount());
        ArrayNode q = cfg.putArray("verify_band_quantiles");
        for (double v : c.verifyBand()) {
            q.add(v);
        }
        cfg.put("verify_max_draw", c.verifyMaxDraw());
        cfg.put("threads", c.threads());
        ObjectNode real = root.putObject("real");
        real.put("documents", r.documents());
        real.put("train_sentences", r.trainSentences());
        real.put("train_tokens", r.trainTokens());
        real.put("heldout_sentences", r.heldoutSentences());
        real.put("heldout_tokens", r.heldoutTokens());
        real.put("types", r.realTypes());
        real.put("tail_types", r.realTailTypes());
        if (!Double.isNaN(r.verifierRealAcceptance())) {
            ObjectNode v = root.putObject("verifier");
            v.putArray("band").add(r.verifierBand()[0]).add(r.verifierBand()[1]);
            v.put("real_acceptance", r.verifierRealAcceptance());
        }
        ObjectNode strategies = root.putObject("strategies");
        for (Strategy s : c.strategies()) {
            ObjectNode sn = strategies.putObject(s.label());
            List<ChainResult> chains = r.chains(s.label());
            ArrayNode failures = sn.putArray("failures");
            for (ChainResult ch : chains) {
                if (ch.failure() != null) {
                    failures.addObject().put("seed", ch.seed()).put("reason", ch.failure());
                }
            }
            ArrayNode gens = sn.putArray("generations");
            for (int g = 0; g <= c.generations(); g++) {
                ObjectNode gn = gens.addObject();
                gn.put("generation", g);
                for (String m : GenerationResult.SCALARS) {
                    double[] v = r.values(s.label(), m, g);
                    ObjectNode mn = gn.putObject(m);
                    num(mn, "mean", Stats.mean(v));
                    num(mn, "min", Stats.min(v));
                    num(mn, "max", Stats.max(v));
                    ArrayNode a = mn.putArray("seeds");
                    for (double x : v) {
                        num(a, x);
                    }
                }
                ObjectNode coc = gn.putObject("counts_of_counts");
                ArrayNode cocMean = coc.putArray("mean");
                ArrayNode cocSeeds = coc.putArray("seeds");
                ObjectNode fb = gn.putObject("discount_fallback");
                ArrayNode fbSeeds = fb.putArray("seeds");
                double fbTrue = 0;
                int present = 0;
                double[][] sum = new double[c.order()][4];
                for (ChainResult ch : chains) {
                    if (g >= ch.generations().size()) {
                        cocSeeds.addNull();
                        fbSeeds.addNull();
                        continue;
                    }
                    GenerationResult gr = ch.generations().get(g);
                    present++;
                    ArrayNode perOrder = cocSeeds.addArray();
                    for (int o = 1; o <= c.order(); o++) {
                        ArrayNode n = perOrder.addArray();
                        long[] cc = gr.countsOfCounts(o);
                        for (int j = 0; j < 4; j++) {
                            n.add(cc[j]);
                            sum[o - 1][j] += cc[j];
                        }
                    }
                    fbSeeds.add(gr.discountFallback());
                    fbTrue += gr.discountFallback() ? 1 : 0;
                }
                for (int o = 0; o < c.order(); o++) {
                    ArrayNode n = cocMean.addArray();
                    for (int j = 0; j < 4; j++) {
                        num(n, present == chains.size() ? sum[o][j] / present : Double.NaN);
                    }
                }
                num(fb, "mean", present == chains.size() ? fbTrue / present : Double.NaN);
                if (s.kind() == Strategy.Kind.VERIFIED) {
                    ArrayNode rej = gn.putObject("verified_rejections").putArray("seeds");
                    for (ChainResult ch : chains) {
                        ObjectNode o = rej.addObject();
                        if (g < ch.generations().size()) {
                            ch.generations().get(g).rejections().forEach(o::put);
                        }
                    }
                }
            }
        }
        ArrayNode acc = root.putArray("acceptance");
        for (Acceptance.Check ch : checks) {
            ObjectNode o = acc.addObject();
            o.put("id", ch.id());
            o.put("statement", ch.statement());
            if (ch.held() == null) {
                o.putNull("held");
            } else {
                o.put("held", ch.held());
            }
            o.put("verdict", ch.verdict());
            o.put("measured", ch.measured());
            o.put("seeds_held", ch.seedsHeld());
            o.put("seeds", ch.seeds());
        }
        root.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        return root;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    private static void num(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    /** Metrics plotted in {@code simulation.html}, in order. */
    static final List<String> PLOTTED = List.of("heldout_perplexity", "vocab_size", "tail_coverage", "type_recall",
            "distinct_1", "distinct_2", "compression_ratio", "near_duplicate_rate", "drift_perplexity",
            "heldout_perplexity_excluding_oovs", "heldout_oovs", "verified_acceptance_rate", "discount_fallback");

    /** The self-contained {@code simulation.html}. */
    public static String html(SimulationResult r, List<Acceptance.Check> checks) {
        SimulationConfig c = r.config();
        String name = c.input().getFileName().toString();
        Html page = Html.page("Collapse simulation: " + name);
        page.paragraph(setup(r));
        page.heading("Acceptance (issue 5)");
        List<List<String>> rows = new ArrayList<>();
        for (Acceptance.Check ch : checks) {
            rows.add(List.of(ch.statement(), ch.verdict(), ch.measured(),
                    ch.seedsHeld() < 0 ? "" : ch.seedsHeld() + "/" + ch.seeds()));
        }
        page.table(List.of("statement", "verdict (seed means)", "measured", "seeds holding"), rows);
        page.heading("Held-out perplexity (mean over seeds)");
        page.table(header(c), table(r, "heldout_perplexity", 1));
        page.heading("Metrics by generation");
        page.paragraph("Lines are seed means; shaded bands span the minimum and maximum over seeds. Model metrics "
                + "(perplexity, vocabulary, counts of counts, discount fallback) describe generation k's model; "
                + "output metrics (tail coverage, type recall, distinct-n, compression, near-duplicates) describe "
                + "one token budget sampled from it.");
        double[] x = new double[c.generations() + 1];
        for (int g = 0; g < x.length; g++) {
            x[g] = g;
        }
        for (String m : PLOTTED) {
            if (m.equals("verified_acceptance_rate") && c.strategies().stream().noneMatch(s -> s.kind() == Strategy.Kind.VERIFIED)) {
                continue;
            }
            LineChart chart = LineChart.titled(TITLES.getOrDefault(m, m)).xLabel("generation").yLabel(m).integerX(true);
            for (Strategy s : c.strategies()) {
                double[] mean = new double[x.length], lo = new double[x.length], hi = new double[x.length];
                for (int g = 0; g < x.length; g++) {
                    double[] v = r.values(s.label(), m, g);
                    mean[g] = Stats.mean(v);
                    lo[g] = Stats.min(v);
                    hi[g] = Stats.max(v);
                }
                chart.series(s.label(), x, mean, lo, hi);
            }
            page.svg(chart.toSvg(), m);
        }
        for (int j = 0; j < 4; j++) {
            int jj = j;
            LineChart chart = LineChart.titled("Counts of counts n" + (j + 1) + " (order " + c.order() + ")")
                    .xLabel("generation").yLabel("n" + (j + 1)).integerX(true);
            for (Strategy s : c.strategies()) {
                double[] mean = new double[x.length], lo = new double[x.length], hi = new double[x.length];
                for (int g = 0; g < x.length; g++) {
                    double[] v = new double[c.seeds()];
                    List<ChainResult> chains = r.chains(s.label());
                    for (int i = 0; i < v.length; i++) {
                        List<GenerationResult> gs = chains.get(i).generations();
                        v[i] = g < gs.size() ? gs.get(g).countsOfCounts(c.order())[jj] : Double.NaN;
                    }
                    mean[g] = Stats.mean(v);
                    lo[g] = Stats.min(v);
                    hi[g] = Stats.max(v);
                }
                chart.series(s.label(), x, mean, lo, hi);
            }
            page.svg(chart.toSvg(), "counts_of_counts n" + (j + 1));
        }
        page.heading("Drift: per-sentence perplexity under the generation-0 model");
        page.paragraph("Shumailov et al. (collapse-anchors §1, §7): scored by the generation-0 model, generated text "
                + "shifts toward lower perplexity while a long tail appears. Seed " + c.seed(0) + "; the last "
                + "generation of each strategy against real held-out sentences and the generation-0 output.");
        Histogram h = Histogram.titled("log10 sentence perplexity under generation 0").xLabel("log10 perplexity")
                .bins(40);
        h.series("real held-out", log10(r.heldoutSentencePerplexity()));
        h.series("gen 0 output", log10(r.gen0OutputSentencePerplexity()));
        for (Strategy s : c.strategies()) {
            ChainResult ch = r.chains(s.label()).get(0);
            h.series(s.label() + " gen " + (ch.generations().size() - 1), log10(ch.finalOutputSentencePerplexity()));
        }
        page.svg(h.size(760, 380).toSvg(), "drift histogram");
        return page.build();
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }

    private static String setup(SimulationResult r) {
        SimulationConfig c = r.config();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %,d documents; %,d training sentences (%,d tokens = the token "
                        + "budget of every generation); %,d held-out sentences (%,d tokens, %.0f%% of sentences, "
                        + "seeded). Kneser-Ney order %d, %d generations, seeds %d..%d, strategies %s. Tail = real "
                        + "training %d-gram types with count <= %d (%,d of %,d types). ",
                c.input().getFileName(), r.documents(), r.trainSentences(), r.trainTokens(), r.heldoutSentences(),
                r.heldoutTokens(), 100 * c.holdout(), c.order(), c.generations(), c.seed(0), c.seed(c.seeds() - 1),
                String.join(", ", c.strategies().stream().map(Strategy::label).toList()), c.tailNgram(),
                c.tailMaxCount(), r.realTailTypes(), r.realTypes()));
        if (!Double.isNaN(r.verifierRealAcceptance())) {
            sb.append(String.format(Locale.ROOT, "Verifier: Gopher quality and repetition rules, exact and MinHash "
                            + "dedup, reference-perplexity band [%.1f, %.1f] (quantiles %.2f-%.2f of held-out real "
                            + "documents of >= 50 words under the generation-0 model); it accepts %.1f%% of real "
                            + "held-out documents. ",
                    r.verifierBand()[0], r.verifierBand()[1], c.verifyBand()[0], c.verifyBand()[1],
                    100 * r.verifierRealAcceptance()));
        }
        sb.append(String.format(Locale.ROOT, "Wall time %.1f s on %d thread(s).", r.seconds(), c.threads()));
        return sb.toString();
    }

    private static List<String> header(SimulationConfig c) {
        List<String> h = new ArrayList<>();
        h.add("strategy");
        for (int g = 0; g <= c.generations(); g++) {
            h.add("gen " + g);
        }
        h.add("change 0 -> " + c.generations());
        return h;
    }

    private static List<List<String>> table(SimulationResult r, String metric, int decimals) {
        List<List<String>> rows = new ArrayList<>();
        for (Strategy s : r.config().strategies()) {
            List<String> row = new ArrayList<>();
            rows.add(row);
            row.add(s.label());
            double[] v = r.meanSeries(s.label(), metric);
            for (double x : v) {
                row.add(Acceptance.f(x, decimals));
            }
            row.add(Acceptance.pct(Acceptance.rise(v)));
        }
        return rows;
    }

    /** The {@code SUMMARY.md} text. */
    public static String markdown(SimulationResult r, List<Acceptance.Check> checks) {
        SimulationConfig c = r.config();
        StringBuilder md = new StringBuilder();
        md.append("# Collapse simulation: ").append(c.input().getFileName()).append("\n\n");
        md.append(setup(r)).append("\n\n");
        md.append("## Measured (means over ").append(c.seeds()).append(" seed").append(c.seeds() == 1 ? "" : "s")
                .append(")\n\n");
        mdTable(md, "Held-out real perplexity, OOVs included (KenLM `query` convention)", header(c),
                table(r, "heldout_perplexity", 1));
        mdTable(md, "Model vocabulary (word types of the training text)", header(c), table(r, "vocab_size", 0));
        mdTable(md, "Tail coverage of the output (share of real tail types reproduced)", header(c),
                table(r, "tail_coverage", 3));
        mdTable(md, "Type recall of the output", header(c), table(r, "type_recall", 3));
        mdTable(md, "Distinct-2 of the output", header(c), table(r, "distinct_2", 3));
        mdTable(md, "Near-duplicate rate of the output sentences", header(c), table(r, "near_duplicate_rate", 4));
        mdTable(md, "Drift perplexity (output under the generation-0 model)", header(c), table(r, "drift_perplexity", 1));
        mdTable(md, "Held-out OOV tokens", header(c), table(r, "heldout_oovs", 0));
        if (c.strategies().stream().anyMatch(s -> s.kind() == Strategy.Kind.VERIFIED)) {
            List<List<String>> rows = new ArrayList<>(table(r, "verified_acceptance_rate", 3));
            rows.removeIf(row -> !row.get(0).equals("verified"));
            rows.forEach(row -> row.set(row.size() - 1, ""));
            mdTable(md, "Verifier acceptance rate (candidate documents of >= 50 words)", header(c), rows);
        }
        md.append("## What held\n\n");
        for (Acceptance.Check ch : checks) {
            md.append("- **").append(ch.verdict()).append("**: ").append(ch.statement()).append(". Measured: ")
                    .append(ch.measured());
            if (ch.seedsHeld() >= 0) {
                md.append(" (").append(ch.seedsHeld()).append('/').append(ch.seeds()).append(" seeds on their own)");
            }
            md.append(".\n");
        }
        verifiedReading(r).ifPresent(t -> md.append("\n").append(t).append("\n"));
        List<String> failures = new ArrayList<>();
        for (ChainResult ch : r.chains()) {
            if (ch.failure() != null) {
                failures.add(ch.strategy() + " seed " + ch.seed() + ": " + ch.failure());
            }
        }
        if (!failures.isEmpty()) {
            md.append("\nChains that stopped early: ").append(String.join("; ", failures)).append(".\n");
        }
        md.append("\nFiles: `simulation.json` (schema `").append(SCHEMA).append("`), `simulation.html` (charts).\n");
        return md.toString();
    }

    /** A factual comparison of verified with replace at the last generation, with the verifier's rejections. */
    static java.util.Optional<String> verifiedReading(SimulationResult r) {
        List<String> labels = r.config().strategies().stream().map(Strategy::label).toList();
        if (!labels.contains("verified") || !labels.contains("replace")) {
            return java.util.Optional.empty();
        }
        int n = r.config().generations();
        double vp = r.mean("verified", "heldout_perplexity", n), rp = r.mean("replace", "heldout_perplexity", n);
        double vv = r.mean("verified", "vocab_size", n), rv = r.mean("replace", "vocab_size", n);
        double vt = r.mean("verified", "tail_coverage", n), rt = r.mean("replace", "tail_coverage", n);
        java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
        for (ChainResult c : r.chains("verified")) {
            for (GenerationResult g : c.generations()) {
                g.rejections().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            }
        }
        StringBuilder sb = new StringBuilder("**verified against replace at generation ").append(n).append(":** ");
        sb.append(String.format(Locale.ROOT, "held-out perplexity %.1f vs %.1f (%s), vocabulary %,.0f vs %,.0f (%s), "
                        + "tail coverage %.3f vs %.3f (%s). ", vp, rp, Acceptance.pct(vp / rp - 1), vv, rv,
                Acceptance.pct(vv / rv - 1), vt, rt, Acceptance.pct(vt / rt - 1)));
        sb.append(vv < rv && vt < rt ? "Relative to replace the gates sped up the loss of the tail"
                : vv > rv && vt > rt ? "Relative to replace the gates slowed the loss of the tail"
                : "Relative to replace the gates moved vocabulary and tail coverage in different directions");
        sb.append(" (a verifier that prefers text typical of the reference model keeps the head: §5, §11). ");
        sb.append("Rejected candidate documents over all seeds and generations, by first failing gate: ")
                .append(reasons.isEmpty() ? "none" : reasons.toString()).append('.');
        return java.util.Optional.of(sb.toString());
    }

    private static void mdTable(StringBuilder md, String title, List<String> header, List<List<String>> rows) {
        md.append("**").append(title).append("**\n\n| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }
}
