package dev.tailguard.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one finished stage did, read from its manifest ({@code _SUCCESS.json}, or {@code report.json} for the report
 * stage): documents consumed, documents written to the stage's main output, records quarantined, and the names of
 * the gates that failed in that stage.
 * <ul>
 *   <li>generate: in = input lines read; out = valid real documents + kept synthetic documents;
 *       quarantined = malformed lines + rejected generations + gate-quarantined synthetic documents</li>
 *   <li>score: in = real + synthetic scored; out = real + synthetic passed; quarantined = both sides quarantined</li>
 *   <li>blend: in = real passed + synthetic passed; out = blended; quarantined = synthetic quarantined by blending</li>
 *   <li>report: in = blended documents; out and quarantined = 0 (the report writes no documents)</li>
 * </ul>
 *
 * @param in           documents consumed
 * @param out          documents written to the stage's main output
 * @param quarantined  records written to {@code quarantine/}
 * @param failedGates  gate names ({@code <metric>.min|max}) of this stage that failed
 */
public record StageCounts(long in, long out, long quarantined, List<String> failedGates) {

    /** Counts of the stage from its manifest. */
    @SuppressWarnings("unchecked")
    public static StageCounts from(String stage, Map<String, Object> manifest) {
        Map<String, Object> c = manifest.get("counts") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        long in;
        long out;
        long quarantined;
        switch (stage) {
            case "generate" -> {
                in = n(c, "lines_read");
                out = n(c, "real") + n(c, "synthetic_generated") - n(c, "synthetic_quarantined");
                quarantined = n(c, "malformed") + n(c, "generation_rejected") + n(c, "synthetic_quarantined");
            }
            case "score" -> {
                in = n(c, "real_scored") + n(c, "synthetic_scored");
                out = n(c, "real_passed") + n(c, "synthetic_passed");
                quarantined = n(c, "real_quarantined") + n(c, "synthetic_quarantined");
            }
            case "blend" -> {
                in = n(c, "real_blended") + n(c, "real_unused") + n(c, "synthetic_blended") + n(c, "synthetic_quarantined");
                out = n(c, "blended");
                quarantined = n(c, "synthetic_quarantined");
            }
            case "report" -> {
                in = n(c, "blended");
                out = 0;
                quarantined = 0;
            }
            default -> throw new IllegalArgumentException("unknown stage '" + stage + "'");
        }
        List<String> failed = new ArrayList<>();
        if (manifest.get("gates") instanceof List<?> gates) {
            for (Object g : gates) {
                if (g instanceof Map<?, ?> gate && stage.equals(gate.get("stage"))
                        && Boolean.FALSE.equals(gate.get("passed")) && gate.get("name") != null) {
                    failed.add(String.valueOf(gate.get("name")));
                }
            }
        }
        return new StageCounts(in, out, quarantined, List.copyOf(failed));
    }

    /**
     * The gate name ({@code <metric>.min|max}) of a stop-gate failure message
     * ({@code gate failed: <stage>.<metric>.<min|max>: ...}, see {@code GateResult.describe()}), or null.
     */
    public static String stopGate(String stage, String message) {
        String prefix = "gate failed: " + stage + ".";
        if (message == null || !message.startsWith(prefix)) {
            return null;
        }
        int end = message.indexOf(':', prefix.length());
        return end < 0 ? null : message.substring(prefix.length(), end);
    }

    private static long n(Map<String, Object> counts, String key) {
        return counts.get(key) instanceof Number v ? v.longValue() : 0;
    }
}
