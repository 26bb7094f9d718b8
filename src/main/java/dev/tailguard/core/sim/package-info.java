/**
 * Model-collapse simulator (issue 5 points 1–3): recursive training of Kneser–Ney n-gram models on their own
 * samples under four strategies, measured on held-out real text.
 *
 * <h2>Command</h2>
 * {@code tailguard simulate --input FILE --generations 5 --strategies replace,accumulate,blend:0.3,verified --order 3
 * --holdout 0.1 --seeds 3 --out DIR} ({@code dev.tailguard.cli.SimulateCli}); programmatic use:
 * {@link dev.tailguard.core.sim.Simulator#run} then {@link dev.tailguard.core.sim.SimulationReport#write}.
 *
 * <h2>Method</h2>
 * <ul>
 *   <li>Input: JSONL {@code {"id","text",...}}, read once; {@code Tokenizer.sentences} then {@code Tokenizer.words};
 *       one LM sentence per text sentence.</li>
 *   <li>Split by sentence: a hash of (seed, document id, sentence index) holds out ≈ 10% as real held-out text.</li>
 *   <li>Generation 0: interpolated modified Kneser–Ney (KenLM-exact, {@code core.lm}) on the real training split.
 *       Each generation's <em>output</em> is an exact sample of B tokens (B = real training tokens).</li>
 *   <li>Generation k+1 trains on — replace: output k; accumulate: real + outputs 0..k; blend:r: ≈ r·B tokens of
 *       output k + a fresh random ≈ (1−r)·B tokens of real training sentences; verified: documents (≥ 50-word
 *       groups of output sentences, then further draws) that pass Gopher quality + repetition rules, exact and
 *       MinHash dedup, and a reference-perplexity band (5th–95th percentile of held-out real documents under the
 *       generation-0 model), until B tokens.</li>
 *   <li>Deterministic: every random stream is keyed by (seed, strategy, generation, purpose); generation 0 is shared
 *       by all strategies of a seed; results do not depend on the thread count.</li>
 * </ul>
 *
 * <h2>simulation.json (schema {@code tailguard.simulation/1})</h2>
 * <pre>
 * { "schema", "input",
 *   "config": {generations, strategies[], order, holdout, holdout_unit, seeds[], tail_ngram, tail_max_count,
 *              verify_band_quantiles[], verify_max_draw, threads},
 *   "real": {documents, train_sentences, train_tokens, heldout_sentences, heldout_tokens, types, tail_types},
 *   "verifier": {band[lo, hi], real_acceptance},                       (only when verified ran)
 *   "strategies": { "&lt;label&gt;": { "failures": [{seed, reason}],
 *       "generations": [ { "generation": k,
 *           "&lt;scalar&gt;": {mean, min, max, seeds[]},  for heldout_perplexity, vocab_size, tail_coverage,
 *                type_recall, distinct_1, distinct_2, compression_ratio, near_duplicate_rate, drift_perplexity,
 *                heldout_perplexity_excluding_oovs, heldout_oovs, training_tokens, output_tokens,
 *                truncated_sentences, verified_acceptance_rate
 *           "counts_of_counts": {mean[order][n1..n4], seeds[seed][order][n1..n4]},
 *           "discount_fallback": {mean (share of seeds), seeds[bool]},
 *           "verified_rejections": {seeds[{reason: count}]} } ] } },   (verified only)
 *   "acceptance": [{id, statement, held (true|false|null), verdict, measured, seeds_held, seeds}],
 *   "seconds" }
 * </pre>
 * Model metrics (heldout_perplexity, vocab_size = word types without {@code <s> </s> <unk>}, counts_of_counts,
 * discount_fallback) describe generation k's model; output metrics (distinct-n, compression ratio, tail coverage,
 * type recall, near-duplicate rate, drift perplexity) describe its B-token output. Undefined values are null.
 */
package dev.tailguard.core.sim;
