package dev.tailguard.core.pipeline;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.JsonlObjects;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRangesTest {

    private static final String[] ENDS = {"\n", "\r", "\r\n", "\n\n", "\r\n\r\n"};

    private static byte[] zstd(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** Writes shards of random documents with mixed line ends; returns their keys and every document in order. */
    private static List<String> shards(LocalObjectStore store, Random r, List<Document> all) throws IOException {
        List<String> keys = new ArrayList<>();
        String[] words = {"a", "é", "日本", "😀", "\\u00e9", "\\ud83d\\ude00", "x".repeat(3000)};
        int n = 0;
        for (int s = 0; s < 4; s++) {
            StringBuilder sb = new StringBuilder();
            int docs = r.nextInt(9);
            for (int d = 0; d < docs; d++) {
                String id = "d" + n++;
                StringBuilder text = new StringBuilder();
                for (int w = r.nextInt(6); w >= 0; w--) {
                    text.append(words[r.nextInt(words.length)]).append(' ');
                }
                sb.append("{\"id\":\"").append(id).append("\",\"text\":\"").append(text)
                        .append("\",\"source\":\"s\",\"metadata\":{\"k\":").append(d).append("}}")
                        .append(ENDS[r.nextInt(ENDS.length)]);
            }
            boolean z = r.nextBoolean();
            String key = "in/part-" + s + (z ? ".jsonl.zst" : ".jsonl");
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            store.put(key, z ? zstd(bytes) : bytes);
            keys.add(key);
        }
        Shards.forEachDocument(store, keys, all::add);
        return keys;
    }

    @Test
    void everyTaskReadsExactlyItsRangeWhateverTheLineEnds(@TempDir Path dir) throws IOException {
        Random r = new Random(19);
        for (int round = 0; round < 40; round++) {
            LocalObjectStore store = new LocalObjectStore(dir.resolve("r" + round));
            List<Document> all = new ArrayList<>();
            List<String> keys = shards(store, r, all);
            assertThat(Shards.count(store, keys)).isEqualTo(all.size());
            TaskRanges ranges = new TaskRanges(new TaskLimits(1 + r.nextInt(5), 1L << 40), "real", 0);
            List<String> shardOf = new ArrayList<>();
            for (String key : keys) {
                Shards.forEachDocument(store, List.of(key), d -> shardOf.add(key));
            }
            for (int i = 0; i < all.size(); i++) {
                ranges.add(shardOf.get(i), TaskRanges.utf8(all.get(i).text()));
            }
            List<Document> read = new ArrayList<>();
            for (TaskSpec t : ranges.finish()) {
                List<Document> got = new ArrayList<>();
                TaskRanges.forEachDocument(store, t, got::add);
                assertThat(got).as("round %d task %s", round, t)
                        .isEqualTo(all.subList((int) t.offset(), (int) (t.offset() + t.count())));
                // an id filter skips the refused records unparsed but keeps the range: the wanted ones, in order
                java.util.function.Predicate<String> odd = id -> Integer.parseInt(id.substring(1)) % 2 == 1;
                List<Document> filtered = new ArrayList<>();
                TaskRanges.forEachDocument(store, t, odd, filtered::add);
                assertThat(filtered).isEqualTo(got.stream().filter(d -> odd.test(d.id())).toList());
                read.addAll(got);
            }
            assertThat(read).isEqualTo(all);
            // all the tasks in one pass (one reader goes on through a shard shared by consecutive tasks): the same
            // documents, each with its task's position, and the id filter told the right task
            List<TaskSpec> tasks = ranges.finish();
            List<Document> inOnePass = new ArrayList<>();
            List<Integer> taskOf = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            TaskRanges.forEachDocument(store, tasks, new TaskRanges.TaskDocuments() {
                @Override
                public boolean wantId(int task, String id) {
                    asked.add(task + ":" + id);
                    return Integer.parseInt(id.substring(1)) % 3 != 0;
                }

                @Override
                public void accept(int task, Document d) {
                    inOnePass.add(d);
                    taskOf.add(task);
                }
            });
            assertThat(inOnePass).isEqualTo(all.stream().filter(d -> Integer.parseInt(d.id().substring(1)) % 3 != 0).toList());
            for (int i = 0; i < inOnePass.size(); i++) {
                TaskSpec t = tasks.get(taskOf.get(i));
                int at = all.indexOf(inOnePass.get(i));
                assertThat(at).as("document %s in task %d", inOnePass.get(i).id(), t.index())
                        .isBetween((int) t.offset(), (int) (t.offset() + t.count() - 1));
            }
            for (String a : asked) {
                int task = Integer.parseInt(a.substring(0, a.indexOf(':')));
                int at = Integer.parseInt(a.substring(a.indexOf(':') + 2));
                TaskSpec t = tasks.get(task);
                assertThat(at).as("asked %s", a).isBetween((int) t.offset(), (int) (t.offset() + t.count() - 1));
            }
            List<Document> even = new ArrayList<>();
            Shards.forEachDocument(store, keys, id -> Integer.parseInt(id.substring(1)) % 2 == 0, even::add);
            assertThat(even).isEqualTo(all.stream().filter(d -> Integer.parseInt(d.id().substring(1)) % 2 == 0).toList());
        }
    }

    @Test
    void anIdFilterStillVisitsLinesWhoseIdItCannotReadAndFiltersThemAfterParsing(@TempDir Path dir) throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir);
        // the first line's id is not a string; the second's id comes after its text, escaped
        store.put("in/a.jsonl", ("{\"id\":5,\"text\":\"x\"}\n{\"text\":\"y\",\"id\":\"\\u0077ant\"}\n"
                + "{\"id\":\"skip\",\"text\":\"z\"}\n").getBytes(StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        Shards.forEachDocument(store, List.of("in/a.jsonl"), id -> id.startsWith("w") || id.equals("5"), d -> ids.add(d.id()));
        assertThat(ids).containsExactly("5", "want");
        List<String> inTask = new ArrayList<>();
        TaskRanges.forEachDocument(store, new TaskSpec(0, "real", List.of("in/a.jsonl"), 0, 3, 0), "want"::equals,
                d -> inTask.add(d.id()));
        assertThat(inTask).containsExactly("want");
    }

    @Test
    void aBadRecordNamesItsShardAndLine(@TempDir Path dir) throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.put("in/a.jsonl", "{\"id\":\"1\",\"text\":\"x\"}\r\n\r\n{\"id\":\"2\",\"text\":\"y\"}\n[3]\n"
                .getBytes(StandardCharsets.UTF_8));
        TaskSpec t = new TaskSpec(0, "real", List.of("in/a.jsonl"), 1, 2, 1);
        List<Map<String, Object>> seen = new ArrayList<>();
        assertThatThrownBy(() -> TaskRanges.forEachObject(store, t, seen::add))
                .isInstanceOf(JsonlObjects.JsonlFormatException.class)
                .hasMessage("in/a.jsonl line 4: invalid JSON: not an object");
        assertThat(seen).extracting(m -> m.get("id")).containsExactly("2");
        store.put("in/b.jsonl", "{\"id\":\"1\",\"text\":\"\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TaskRanges.forEachObject(store, new TaskSpec(0, "real", List.of("in/b.jsonl"), 0, 1, 0),
                m -> { })).hasMessage("in/b.jsonl line 1: not valid UTF-8");
    }

    @Test
    void aRangeLongerThanItsShardsFails(@TempDir Path dir) throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.put("in/a.jsonl", "{\"id\":\"1\",\"text\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> TaskRanges.forEachObject(store, new TaskSpec(3, "real", List.of("in/a.jsonl"), 0, 2, 0),
                m -> { })).isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 2 records")
                .hasMessageContaining("found 1");
    }
}
