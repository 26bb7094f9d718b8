package dev.tailguard.core.generate;

import java.util.Map;

/** A generator that can make a copy of itself with other sampling settings (a refinement round). */
public interface Resampling {

    /**
     * @param topK     0 = not used
     * @param styleMix null or empty = keep the current mix
     * @return a generator sharing this one's budget and usage accounting
     */
    Generator withSampling(double temperature, int topK, Map<String, Double> styleMix);
}
