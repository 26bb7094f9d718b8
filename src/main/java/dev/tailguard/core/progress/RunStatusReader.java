package dev.tailguard.core.progress;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.runner.StagePlan;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run's {@link RunStatus} from the object store alone, so every process sharing the store (the embedded CLI,
 * the HTTP server, the Kubernetes controller) sees the same progress: per stage, {@code work/<stage>/plan.json} gives
 * the tasks and their record counts, {@code work/<stage>/done/} the completed tasks and {@code merged.json} the end;
 * {@code report/report.json} gives the final status and the collapse verdict. Progress is task-granular (tasks are
 * bounded by {@code tailguard.tasks.max-records}/{@code max-bytes}). Stateless and thread-safe.
 */
public final class RunStatusReader {

    /** Stage names in pipeline order. */
    public static final List<String> STAGES = List.of("generate", "score", "blend", "report");

    private final ObjectStore store;

    public RunStatusReader(ObjectStore store) {
        this.store = store;
    }

    /**
     * The run's status, or empty when nothing exists under {@code runs/<runId>/}.
     *
     * @throws IllegalArgumentException when {@code runId} is not a valid run id
     */
    public Optional<RunStatus> read(String runId) {
        RunLayout layout = new RunLayout(runId);
        WorkLayout work = new WorkLayout(runId);
        try {
            if (!store.exists(work.config()) && store.list("runs/" + runId + "/").isEmpty()) {
                return Optional.empty();
            }
            List<StageProgress> stages = new ArrayList<>();
            for (String s : STAGES) {
                stages.add(stage(work, s));
            }
            Map<String, Object> report = readMap(layout.reportJson());
            String current = current(stages);
            if (report != null && RunStatus.FAILED.equals(report.get("status"))) {
                Object failed = report.get("failed_stage");
                // a run a report-stage stop gate failed (collapse risk high) has its whole report: show its verdict
                return Optional.of(new RunStatus(runId, RunStatus.FAILED, failed == null ? current : failed.toString(),
                        stages, report.get("collapse_risk") == null ? null : verdict(report),
                        String.valueOf(report.get("reason"))));
            }
            if (report != null && RunStatus.SUCCEEDED.equals(report.get("status"))) {
                return Optional.of(new RunStatus(runId, RunStatus.SUCCEEDED, current, stages, verdict(report), null));
            }
            return Optional.of(new RunStatus(runId, RunStatus.RUNNING, current, stages, null, null));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the status of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private StageProgress stage(WorkLayout work, String stage) throws IOException {
        StagePlan plan = read(work.plan(stage), StagePlan.class);
        if (plan == null) {
            return StageProgress.pending(stage);
        }
        long total = 0;
        for (TaskSpec t : plan.tasks()) {
            total += t.count();
        }
        int tasksDone = 0;
        long docsDone = 0;
        for (String key : store.list(work.donePrefix(stage))) {
            int task = taskIndex(key);
            if (task >= 0 && task < plan.tasks().size()) {
                tasksDone++;
                docsDone += plan.tasks().get(task).count();
            }
        }
        String state = store.exists(work.merged(stage)) ? StageProgress.DONE : StageProgress.RUNNING;
        if (plan.tasks().isEmpty()) {
            // a stage without tasks (the report) does its work in the merge: its total is what the merge reads
            total = mergeInput(work.runId(), stage);
            docsDone = StageProgress.DONE.equals(state) && total > 0 ? total : 0;
        }
        return new StageProgress(stage, state, tasksDone, plan.tasks().size(), docsDone, total);
    }

    /**
     * Documents the merge of a stage without tasks reads: for the report, the blended count of blend's manifest;
     * {@link StageProgress#UNKNOWN} when not known.
     */
    private long mergeInput(String runId, String stage) throws IOException {
        if (!"report".equals(stage)) {
            return StageProgress.UNKNOWN;
        }
        Map<String, Object> blend = readMap(new RunLayout(runId).manifest("blended"));
        if (blend == null || !(blend.get("counts") instanceof Map<?, ?> counts)
                || !(counts.get("blended") instanceof Number n)) {
            return StageProgress.UNKNOWN;
        }
        return n.longValue();
    }

    /** The task index of a completion marker key ({@code .../done/00003.json}), or -1. */
    static int taskIndex(String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        if (!name.endsWith(".json")) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(0, name.length() - ".json".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String current(List<StageProgress> stages) {
        for (StageProgress s : stages) {
            if (!StageProgress.DONE.equals(s.state())) {
                return s.stage();
            }
        }
        return stages.get(stages.size() - 1).stage();
    }

    @SuppressWarnings("unchecked")
    private static RunStatus.Verdict verdict(Map<String, Object> report) {
        Double ratio = report.get("synthetic_ratio") instanceof Number n ? n.doubleValue() : null;
        if (report.get("collapse_risk") instanceof String level) {
            return new RunStatus.Verdict(level, ratio, List.of());
        }
        if (!(report.get("collapse_risk") instanceof Map<?, ?> risk)) {
            return new RunStatus.Verdict(null, ratio, List.of());
        }
        List<RunStatus.Reason> reasons = new ArrayList<>();
        if (risk.get("reasons") instanceof List<?> rs) {
            for (Object o : rs) {
                if (o instanceof Map<?, ?> r) {
                    List<Double> ci = new ArrayList<>();
                    if (r.get("ci") instanceof List<?> l) {
                        l.forEach(x -> ci.add(x instanceof Number n ? n.doubleValue() : Double.NaN));
                    }
                    reasons.add(new RunStatus.Reason(String.valueOf(r.get("signal")), String.valueOf(r.get("level")),
                            num(r.get("value")), ci, num(r.get("threshold"))));
                }
            }
        }
        return new RunStatus.Verdict(risk.get("level") == null ? null : risk.get("level").toString(), ratio, reasons);
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMap(String key) throws IOException {
        return read(key, Map.class);
    }

    private <T> T read(String key, Class<T> type) throws IOException {
        try (InputStream in = store.open(key)) {
            return Json.MAPPER.readValue(in, type);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
