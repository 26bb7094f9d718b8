package dev.tailguard.core.sim;

import java.util.SplittableRandom;

/** Deterministic random streams keyed by (seed, strategy, generation, purpose). Package-private. */
final class Rng {

    private Rng() {
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom stream(long seed, String strategy, int generation, String purpose) {
        long h = mix(seed);
        for (String part : new String[] {strategy, purpose}) {
            for (int i = 0; i < part.length(); i++) {
                h = mix(h ^ part.charAt(i));
            }
            h = mix(h ^ 0xff);
        }
        return new SplittableRandom(mix(h + generation));
    }
}
