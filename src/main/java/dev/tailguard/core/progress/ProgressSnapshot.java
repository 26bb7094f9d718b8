package dev.tailguard.core.progress;

/**
 * One stage's progress at a moment.
 *
 * @param stage          stage name
 * @param done           documents done
 * @param total          documents in the stage, negative when unknown
 * @param elapsedSeconds seconds since the stage's first update
 * @param docsPerSecond  mean rate since the first update (0 before any time has passed)
 * @param etaSeconds     remaining seconds at that rate, negative when unknown
 */
public record ProgressSnapshot(String stage, long done, long total, double elapsedSeconds, double docsPerSecond,
                               double etaSeconds) {

    /** A snapshot from counts and elapsed time. */
    public static ProgressSnapshot of(String stage, long done, long total, double elapsedSeconds) {
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        double eta = total >= 0 && rate > 0 ? Math.max(0, total - done) / rate : -1;
        return new ProgressSnapshot(stage, done, total, elapsedSeconds, rate, eta);
    }

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) done / total) : total == 0 ? 1.0 : -1;
    }
}
