package dev.tailguard.storage;

import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.store.StoreKeys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectStore} on one S3 bucket (AWS S3, MinIO, S3Proxy, Ceph RGW...) through the AWS SDK v2 with the
 * {@code url-connection-client} (no Netty/Apache; native-image friendly).
 * <p>
 * Files at least {@link S3Settings#multipartThreshold()} large are uploaded with a multipart upload, one part
 * streamed from disk at a time (nothing is buffered whole); the upload is aborted if any part fails.
 * {@link #list(String)} follows {@code ListObjectsV2} continuation tokens. A missing key makes {@link #open(String)}
 * throw {@link NoSuchFileException} carrying the {@code s3://} URI.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** User-metadata name ({@code x-amz-meta-...}) of the claim token a conditional write stores. */
    public static final String CLAIM_METADATA = "tailguard-claim";

    private final S3Client s3;
    private final S3Settings settings;
    private final boolean ownsClient;

    /** A store with its own S3 client built from the settings; close it to release the client. */
    public S3ObjectStore(S3Settings settings) {
        this(buildClient(settings), settings, true);
    }

    /** A store on a caller-managed client (not closed by {@link #close()}). */
    public S3ObjectStore(S3Client client, S3Settings settings) {
        this(client, settings, false);
    }

    private S3ObjectStore(S3Client client, S3Settings settings, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownsClient = ownsClient;
    }

    /** Builds a synchronous S3 client for the settings (path-style, endpoint override, static or default credentials). */
    public static S3Client buildClient(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                        settings.secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    /** The bucket this store writes to. */
    public String bucket() {
        return settings.bucket();
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        checkKey(key);
        call(key, () -> s3.putObject(r -> r.bucket(bucket()).key(key).contentLength((long) content.length),
                RequestBody.fromBytes(content)));
    }

    /**
     * Conditional write {@code If-None-Match: *}: S3 answers 412 Precondition Failed (or 409 for a concurrent
     * conditional write) when the key exists, which is reported as {@code false}.
     * <p>
     * Every call carries a random claim token in the object's user metadata ({@value #CLAIM_METADATA}). The SDK
     * retries a request whose response was lost (a connection closed after the server had stored the object), and
     * that retry is refused because the first attempt created the key; without the token the caller that won would
     * report {@code false} like every other contender, and a create-once trigger would have no winner. On 412 or 409
     * the object's metadata is read back: the caller whose token is stored won.
     */
    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        checkKey(key);
        String claim = UUID.randomUUID().toString();
        try {
            s3.putObject(r -> r.bucket(bucket()).key(key).contentLength((long) content.length).ifNoneMatch("*")
                    .metadata(Map.of(CLAIM_METADATA, claim)), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return claim.equals(storedClaim(key));
            }
            throw failure("conditional put", key, e);
        } catch (SdkException e) {
            throw failure("conditional put", key, e);
        }
    }

    /** The claim token stored with the object, or {@code null} when the object or its token is missing. */
    private String storedClaim(String key) throws IOException {
        HeadObjectResponse h = head(key, "head after a refused conditional put");
        return h == null ? null : h.metadata().get(CLAIM_METADATA);
    }

    @Override
    public void put(String key, Path file) throws IOException {
        checkKey(key);
        long size = Files.size(file);
        if (size < settings.multipartThreshold()) {
            call(key, () -> s3.putObject(r -> r.bucket(bucket()).key(key).contentLength(size),
                    RequestBody.fromFile(file)));
        } else {
            multipartUpload(key, file, size);
        }
    }

    private void multipartUpload(String key, Path file, long size) throws IOException {
        String uploadId = call(key, () -> s3.createMultipartUpload(r -> r.bucket(bucket()).key(key)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long partSize = settings.partSize();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                long start = offset;
                int partNumber = number;
                RequestBody body = RequestBody.fromContentProvider(() -> slice(file, start, length), length,
                        "application/octet-stream");
                String eTag = call(key, () -> s3.uploadPart(r -> r.bucket(bucket()).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length), body).eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            }
            call(key, () -> s3.completeMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new BoundedInputStream(in, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " at offset " + offset, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        checkKey(key);
        try {
            return s3.getObject(r -> r.bucket(bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw missing(key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)) {
                throw missing(key, e);
            }
            throw failure("get", key, e);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        checkKey(key);
        return head(key, "head") != null;
    }

    /** The object's HEAD answer, or {@code null} when it does not exist; {@code what} names the call in an error. */
    private HeadObjectResponse head(String key, String what) throws IOException {
        try {
            return s3.headObject(r -> r.bucket(bucket()).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failure(what, key, e);
        } catch (SdkException e) {
            throw failure(what, key, e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket()).prefix(prefix)
                    .maxKeys(settings.listPageSize());
            if (token != null) {
                req.continuationToken(token);
            }
            ListObjectsV2Response page = call(prefix, () -> s3.listObjectsV2(req.build()));
            for (S3Object o : page.contents()) {
                keys.add(o.key());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        checkKey(key);
        call(key, () -> s3.deleteObject(r -> r.bucket(bucket()).key(key)));
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket() + "/" + key;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    private static void checkKey(String key) {
        StoreKeys.normalize(key);
    }

    private NoSuchFileException missing(String key, Exception cause) {
        NoSuchFileException e = new NoSuchFileException(describe(key), null, "no such object");
        e.initCause(cause);
        return e;
    }

    private IOException failure(String op, String key, SdkException e) {
        return new IOException("S3 " + op + " of " + describe(key) + " failed: " + e.getMessage(), e);
    }

    private <T> T call(String key, SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw failure("request", key, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }

    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, remaining));
            remaining -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}
