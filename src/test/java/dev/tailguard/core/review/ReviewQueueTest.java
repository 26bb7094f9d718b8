package dev.tailguard.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewQueueTest {

    @TempDir
    Path dir;
    ObjectStore store;
    final List<String> approvedEmits = new CopyOnWriteArrayList<>();
    final List<String> rejectedEmits = new CopyOnWriteArrayList<>();
    ExecutorService pool;

    final ResumeEmitter recording = new ResumeEmitter() {
        @Override
        public void approved(ReviewBatch batch, Decision decision) {
            approvedEmits.add(batch.batchId());
        }

        @Override
        public void rejected(ReviewBatch batch, Decision decision) {
            rejectedEmits.add(batch.batchId());
        }
    };

    @BeforeEach
    void setUp() {
        store = new LocalObjectStore(dir);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private ReviewQueue queue(int sample) {
        return new ReviewQueue(store, new ReviewSettings(sample, 5), recording);
    }

    @Test
    void sampleIsSeededDeterministicAndSkipsDocumentsScoringQuarantined() throws Exception {
        ReviewBatch a = queue(6).enqueue(ReviewFixture.write(store, "run-a", "run-a-scored", 40, 7));
        ReviewBatch b = queue(6).enqueue(ReviewFixture.write(store, "run-b", "run-a-scored-copy", 40, 7));
        ObjectStore other = new LocalObjectStore(dir.resolve("other"));
        ReviewBatch a2 = new ReviewQueue(other, new ReviewSettings(6, 5), recording)
                .enqueue(ReviewFixture.write(other, "run-a", "run-a-scored", 40, 7));
        ReviewBatch reseeded = new ReviewQueue(other, new ReviewSettings(6, 5), recording)
                .enqueue(ReviewFixture.write(other, "run-c", "run-c-scored", 40, 8));

        assertThat(a.documents()).isEqualTo(40);
        assertThat(a.candidates()).isEqualTo(32);
        assertThat(a.sample()).hasSize(6);
        assertThat(ids(a2)).isEqualTo(ids(a));
        assertThat(ids(reseeded)).isNotEqualTo(ids(a));
        assertThat(ids(b)).isNotEqualTo(ids(a)); // batch id is mixed into the seed
        assertThat(a.sample()).extracting(SampleItem::index).isSorted();
        assertThat(a.sample()).allSatisfy(item -> {
            int i = Integer.parseInt(item.id().substring(4));
            assertThat(i % 5).isNotEqualTo(4);
            assertThat(item.scores()).containsEntry("decision", "keep").containsKey("perplexity");
            assertThat(item.seedId()).isEqualTo("s" + (i % 3));
            assertThat(item.seedText()).isEqualTo(ReviewFixture.SEEDS[i % 3]);
            assertThat(item.spans()).isNotEmpty();
        });
        assertThat(a.contentSha256()).hasSize(64).isEqualTo(a2.contentSha256());
    }

    @Test
    void approvingTwiceEmitsOnce() throws Exception {
        ReviewQueue q = queue(4);
        q.enqueue(ReviewFixture.write(store, "r1", "r1-scored", 10, 1));

        DecisionResult first = q.approve("r1-scored", "alice", "looks fine", List.of());
        DecisionResult second = q.approve("r1-scored", "bob", null, List.of());

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.decision()).isEqualTo(first.decision());
        assertThat(second.decision().principal()).isEqualTo("alice");
        assertThat(approvedEmits).containsExactly("r1-scored");
        assertThat(q.get("r1-scored").status()).isEqualTo(BatchStatus.APPROVED);
    }

    @Test
    void concurrentApproveAndRejectYieldExactlyOneDecision() throws Exception {
        for (int round = 0; round < 8; round++) {
            String id = "race-" + round;
            ReviewQueue q = queue(3);
            q.enqueue(ReviewFixture.write(store, "race", id, 6, round));
            CountDownLatch start = new CountDownLatch(1);
            Future<DecisionResult> approve = pool.submit(() -> {
                start.await();
                return q.approve(id, "alice", "ok", List.of());
            });
            Future<DecisionResult> reject = pool.submit(() -> {
                start.await();
                return q.reject(id, "bob", "memorised", List.of());
            });
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<DecisionResult> f : List.of(approve, reject)) {
                try {
                    outcomes.add(f.get(10, TimeUnit.SECONDS).decision().verdict());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ReviewException.class);
                    outcomes.add(((ReviewException) e.getCause()).kind());
                }
            }
            assertThat(outcomes).containsOnlyOnce(ReviewException.Kind.CONFLICT);
            Verdict winner = (Verdict) outcomes.stream().filter(o -> o instanceof Verdict).findFirst().orElseThrow();
            assertThat(q.get(id).decision().verdict()).isEqualTo(winner);
        }
        int total = approvedEmits.size() + rejectedEmits.size();
        assertThat(total).isEqualTo(8);
    }

    @Test
    void twoQueuesOnOneFolderStillAgreeOnOneDecision() throws Exception {
        ReviewQueue q1 = queue(3);
        q1.enqueue(ReviewFixture.write(store, "r2", "r2-scored", 6, 3));
        ReviewQueue q2 = new ReviewQueue(new LocalObjectStore(dir), new ReviewSettings(3, 5), recording);
        q2.reject("r2-scored", "bob", "too repetitive", List.of());

        assertThatThrownBy(() -> q1.approve("r2-scored", "alice", null, List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("already rejected by bob");
                });
    }

    @Test
    void unknownConsumedInvalidAndChangedBatchesAreRefused() throws Exception {
        ReviewQueue q = queue(3);
        BatchRequest req = ReviewFixture.write(store, "r3", "r3-scored", 6, 3);
        q.enqueue(req);

        assertThatThrownBy(() -> q.approve("nope", "alice", null, List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> q.reject("r3-scored", "alice", "  ", List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.INVALID));
        assertThatThrownBy(() -> q.approve("r3-scored", "alice", null, List.of(new DocumentFlag("not-sampled", "x", null))))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.INVALID));

        store.put(req.syntheticKeys().get(0), "{\"id\":\"tampered\",\"text\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> q.approve("r3-scored", "alice", null, List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("changed since it was queued");
                });

        q.enqueue(ReviewFixture.write(store, "r4", "r4-scored", 6, 3));
        q.approve("r4-scored", "alice", null, List.of());
        q.markConsumed("r4-scored");
        assertThat(q.approve("r4-scored", "bob", null, List.of()).created()).isFalse();
        assertThatThrownBy(() -> q.reject("r4-scored", "bob", "too late", List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("already consumed");
                });
        assertThat(q.get("r4-scored").status()).isEqualTo(BatchStatus.CONSUMED);
        assertThat(approvedEmits).containsExactly("r4-scored");
    }

    @Test
    void auditLogIsAppendOnlyAndRecordsThePrincipal() throws Exception {
        ReviewQueue q = queue(3);
        ReviewBatch b = q.enqueue(ReviewFixture.write(store, "r5", "r5-scored", 6, 3));
        List<AuditEntry> before = q.audit("r5", "r5-scored");
        byte[] firstBytes = read(ReviewKeys.audit("r5", "r5-scored", 1));
        String flagged = b.sample().get(0).id();

        q.reject("r5-scored", "carol", "copies the seed", List.of(new DocumentFlag(flagged, "memorised", "whole sentence")));
        assertThatThrownBy(() -> q.approve("r5-scored", "dave", null, List.of())).isInstanceOf(ReviewException.class);
        q.reject("r5-scored", "carol", "copies the seed", List.of());

        List<AuditEntry> after = q.audit("r5", "r5-scored");
        assertThat(before).extracting(AuditEntry::action).containsExactly("queued");
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(read(ReviewKeys.audit("r5", "r5-scored", 1))).isEqualTo(firstBytes);
        assertThat(after).extracting(AuditEntry::action)
                .containsExactly("queued", "rejected", "quarantined", "resumed", "conflict");
        assertThat(after).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        AuditEntry rejected = after.get(1);
        assertThat(rejected.principal()).isEqualTo("carol");
        assertThat(rejected.reason()).isEqualTo("copies the seed");
        assertThat(rejected.contentSha256()).isEqualTo(b.contentSha256());
        assertThat(rejected.flags()).containsExactly(new DocumentFlag(flagged, "memorised", "whole sentence"));
        assertThat(after.get(4).principal()).isEqualTo("dave");
        assertThat(new ReviewStore(store).putIfAbsent(ReviewKeys.audit("r5", "r5-scored", 2), new byte[] {1})).isFalse();
        assertThat(rejectedEmits).containsExactly("r5-scored");
    }

    @Test
    void rejectionQuarantinesEveryRecordWithTheReason() throws Exception {
        ReviewQueue q = queue(3);
        q.enqueue(ReviewFixture.write(store, "r6", "r6-scored", 7, 3));
        q.reject("r6-scored", "erin", "off-topic", List.of());

        String quarantine = new String(read(ReviewKeys.quarantine("r6", "r6-scored")), StandardCharsets.UTF_8);
        List<String> lines = quarantine.lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("\"stage\":\"review\"")
                .contains("review rejected by erin: off-topic"));
        assertThat(lines.get(0)).contains("\"line\":1").contains("\"id\":\"syn-0\"");
    }

    @Test
    void failedEmissionIsRetriedByRepeatingTheApproval() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ReviewQueue q = new ReviewQueue(store, new ReviewSettings(3, 5), (batch, decision) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("broker down");
            }
        });
        q.enqueue(ReviewFixture.write(store, "r7", "r7-scored", 6, 3));
        assertThatThrownBy(() -> q.approve("r7-scored", "alice", null, List.of()))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.UNAVAILABLE));
        assertThat(q.get("r7-scored").decision().principal()).isEqualTo("alice");

        assertThat(q.approve("r7-scored", "alice", null, List.of()).created()).isFalse();
        q.approve("r7-scored", "alice", null, List.of());
        assertThat(calls.get()).isEqualTo(2);
        assertThat(q.audit("r7", "r7-scored")).extracting(AuditEntry::action)
                .containsExactly("queued", "approved", "resume_failed", "resumed");
    }

    @Test
    void summaryListsEachBatchOfTheRun() throws Exception {
        ReviewQueue q = queue(3);
        ReviewBatch b = q.enqueue(ReviewFixture.write(store, "r8", "r8-a", 6, 3));
        q.enqueue(ReviewFixture.write(store, "r8", "r8-b", 6, 4));
        q.enqueue(ReviewFixture.write(store, "other", "other-a", 6, 4));
        String flagged = b.sample().get(1).id();
        q.approve("r8-a", "alice", "fine", List.of(new DocumentFlag(flagged, "odd", null)));

        ReviewSummary s = ReviewSummary.forRun(store, "r8");

        assertThat(s.batches()).extracting(ReviewSummary.Entry::batchId).containsExactly("r8-a", "r8-b");
        assertThat(s.toReport().get(0)).containsEntry("status", "approved").containsEntry("decision", "approved")
                .containsEntry("principal", "alice").containsEntry("reason", "fine")
                .containsEntry("content_sha256", b.contentSha256()).containsEntry("sample_size", 3);
        assertThat(s.toReport().get(1)).containsEntry("status", "pending").containsEntry("decision", null);
        assertThat(s.toMarkdown()).contains("| r8-a | approved | alice |");
        assertThat(ReviewSummary.forRun(store, "absent").batches()).isEmpty();
        assertThat(q.list()).extracting(BatchView::batchId).containsExactlyInAnyOrder("r8-a", "r8-b", "other-a");
    }

    @Test
    void reEnqueueingTheSameBatchReturnsTheStoredOne() throws Exception {
        ReviewQueue q = queue(3);
        BatchRequest req = ReviewFixture.write(store, "r9", "r9-scored", 6, 3);
        ReviewBatch first = q.enqueue(req);
        ReviewBatch again = q.enqueue(req);
        assertThat(again).isEqualTo(first);
        assertThat(q.audit("r9", "r9-scored")).hasSize(1);
        assertThatThrownBy(() -> q.enqueue(ReviewFixture.write(store, "r10", "r9-scored", 6, 3)))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT));
    }

    private List<String> ids(ReviewBatch b) {
        List<String> ids = new ArrayList<>();
        b.sample().forEach(s -> ids.add(s.id()));
        return Collections.unmodifiableList(ids);
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }
}
