package dev.tailguard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailguard.cloud.test.S3ProxyServer;
import dev.tailguard.core.store.ObjectStore;
import software.amazon.awssdk.services.s3.S3Client;

/** Against a real S3 API server (S3Proxy, filesystem backend) in a separate process. */
class S3ObjectStoreTest {

    private static final String BUCKET = "tailguard-store-test";
    private static S3ProxyServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.shared();
        server.createBucket(BUCKET);
    }

    private static S3ObjectStore store(S3Settings settings) {
        return new S3ObjectStore(settings);
    }

    @Test
    void putOpenExistsDeleteRoundTrip() throws IOException {
        try (S3ObjectStore store = store(server.settings(BUCKET))) {
            String key = "runs/rt/input/part-0.jsonl";
            store.put(key, "{\"id\":\"1\",\"text\":\"ahoy\"}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(store.exists(key)).isTrue();
            try (InputStream in = store.open(key)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"id\":\"1\",\"text\":\"ahoy\"}\n");
            }
            store.put(key, "replaced".getBytes(StandardCharsets.UTF_8));
            try (InputStream in = store.open(key)) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("replaced");
            }
            store.delete(key);
            assertThat(store.exists(key)).isFalse();
            store.delete(key);
            assertThat(store.describe(key)).isEqualTo("s3://" + BUCKET + "/" + key);
        }
    }

    @Test
    void missingKeyIsNoSuchFileNamingTheObject() throws IOException {
        try (S3ObjectStore store = store(server.settings(BUCKET))) {
            assertThat(store.exists("runs/none/report/report.html")).isFalse();
            assertThatThrownBy(() -> store.open("runs/none/report/report.html"))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("s3://" + BUCKET + "/runs/none/report/report.html");
        }
    }

    @Test
    void missingBucketIsAnIoErrorNotAMissingObject() {
        try (S3ObjectStore store = store(server.settings("no-such-bucket-xyz"))) {
            assertThatThrownBy(() -> store.open("a.jsonl"))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("s3://no-such-bucket-xyz/a.jsonl");
        }
    }

    @Test
    void listFollowsPaginationAndSorts() throws IOException {
        try (S3ObjectStore store = store(server.settings(BUCKET).withListPageSize(2))) {
            String[] keys = {"runs/pg/synthetic/c.jsonl", "runs/pg/input/b.jsonl", "runs/pg/input/a.jsonl",
                    "runs/pg/scores/s.jsonl", "runs/pg/report/report.json"};
            for (String k : keys) {
                store.put(k, k.getBytes(StandardCharsets.UTF_8));
            }
            store.put("runs/pgx/input/other.jsonl", new byte[] {1});
            assertThat(store.list("runs/pg/")).containsExactly(
                    "runs/pg/input/a.jsonl", "runs/pg/input/b.jsonl", "runs/pg/report/report.json",
                    "runs/pg/scores/s.jsonl", "runs/pg/synthetic/c.jsonl");
            assertThat(store.list("runs/pg/input/")).containsExactly("runs/pg/input/a.jsonl", "runs/pg/input/b.jsonl");
            assertThat(store.list("runs/empty/")).isEmpty();
        }
    }

    @Test
    void smallFileIsUploadedInOnePut() throws Exception {
        Path file = tmp.resolve("small.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"text\":\"x\"}\n");
        try (S3ObjectStore store = store(server.settings(BUCKET))) {
            store.put("runs/small/input/small.jsonl", file);
            try (InputStream in = store.open("runs/small/input/small.jsonl")) {
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void largeFileIsUploadedInPartsAndReadsBackIdentically() throws Exception {
        long part = S3Settings.MIN_PART_SIZE;
        Path file = tmp.resolve("big.bin");
        String sha;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] buf = new byte[64 * 1024];
        long size = 2 * part + 12345;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; ) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, size - written);
                out.write(buf, 0, n);
                md.update(buf, 0, n);
                written += n;
            }
        }
        sha = HexFormat.of().formatHex(md.digest());
        String key = "runs/big/input/big.bin";
        try (S3ObjectStore store = store(server.settings(BUCKET).withMultipart(part, part));
             S3Client client = server.client()) {
            store.put(key, file);
            var head = client.headObject(r -> r.bucket(BUCKET).key(key));
            assertThat(head.contentLength()).isEqualTo(size);
            assertThat(head.eTag()).as("multipart ETag = md5-of-part-md5s + '-<parts>'").matches("\"?[0-9a-f]{32}-3\"?");
            MessageDigest back = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(store.open(key), back)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(HexFormat.of().formatHex(back.digest())).isEqualTo(sha);
            assertThat(client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
        }
    }

    @Test
    void settingsFromConfigAndEnvironmentNames() {
        Map<String, String> cfg = Map.of(
                "tailguard.store.s3.bucket", "corpora",
                "TAILGUARD_STORE_S3_ENDPOINT", "http://minio.tailguard.svc:9000",
                "AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "ak",
                "AWS_SECRET_ACCESS_KEY", "sk",
                "tailguard.store.s3.part-size", String.valueOf(8 * 1024 * 1024));
        S3Settings s = S3Settings.from(cfg::get);
        assertThat(s.bucket()).isEqualTo("corpora");
        assertThat(s.endpoint()).contains(URI.create("http://minio.tailguard.svc:9000"));
        assertThat(s.region()).isEqualTo("eu-central-1");
        assertThat(s.accessKey()).contains("ak");
        assertThat(s.secretKey()).contains("sk");
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(s.multipartThreshold()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
        assertThat(s.toString()).doesNotContain("sk");

        assertThatThrownBy(() -> S3Settings.from(Map.<String, String>of()::get))
                .hasMessageContaining("tailguard.store.s3.bucket is required");
        assertThatThrownBy(() -> S3Settings.from(Map.of("tailguard.store.s3.bucket", "b",
                "tailguard.store.s3.access-key", "only-access")::get))
                .hasMessageContaining("must be set together");
        assertThatThrownBy(() -> S3Settings.from(Map.of("tailguard.store.s3.bucket", "b",
                "tailguard.store.s3.part-size", "1024")::get))
                .hasMessageContaining("part-size must be >= 5242880");
    }
}
