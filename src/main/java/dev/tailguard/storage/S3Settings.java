package dev.tailguard.storage;

import dev.tailguard.core.store.ObjectStore;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connection settings of an {@link S3ObjectStore}.
 *
 * @param endpoint           S3 endpoint (e.g. {@code http://minio:9000}); empty for the AWS default endpoint
 * @param region             signing region (MinIO and S3Proxy accept any, e.g. {@code us-east-1})
 * @param bucket             bucket holding {@code incoming/} and {@code runs/<runId>/...}
 * @param accessKey          access key id; empty to use the AWS default credentials chain
 * @param secretKey          secret access key; empty to use the AWS default credentials chain
 * @param pathStyle          path-style addressing ({@code http://host/bucket/key}); required for MinIO and S3Proxy
 * @param multipartThreshold files at least this large are uploaded with multipart upload
 * @param partSize           multipart part size in bytes (S3 minimum: 5 MiB, except the last part)
 * @param listPageSize       keys per {@code ListObjectsV2} page (1..1000)
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, Optional<String> accessKey,
                         Optional<String> secretKey, boolean pathStyle, long multipartThreshold, long partSize,
                         int listPageSize) {

    /** Smallest part S3 accepts for all but the last part of a multipart upload. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Default multipart threshold and part size. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("tailguard.store.s3.region must not be blank");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("tailguard.store.s3.bucket must not be blank");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(
                    "tailguard.store.s3.access-key and tailguard.store.s3.secret-key must be set together");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("tailguard.store.s3.part-size must be >= " + MIN_PART_SIZE
                    + " bytes, was " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("tailguard.store.s3.multipart-threshold (" + multipartThreshold
                    + ") must be >= part-size (" + partSize + ")");
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("tailguard.store.s3.list-page-size must be in 1..1000, was "
                    + listPageSize);
        }
    }

    /** Settings with static credentials and defaults for the rest (path-style on). */
    public static S3Settings of(URI endpoint, String region, String bucket, String accessKey, String secretKey) {
        return new S3Settings(Optional.of(endpoint), region, bucket, Optional.of(accessKey), Optional.of(secretKey),
                true, DEFAULT_PART_SIZE, DEFAULT_PART_SIZE, 1000);
    }

    /** A copy with other multipart sizes. */
    public S3Settings withMultipart(long threshold, long part) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle, threshold, part, listPageSize);
    }

    /** A copy with another list page size. */
    public S3Settings withListPageSize(int pageSize) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle, multipartThreshold, partSize,
                pageSize);
    }

    /**
     * Reads settings from configuration keys, falling back to environment-style names:
     * <ul>
     *   <li>{@code tailguard.store.s3.endpoint} / {@code TAILGUARD_STORE_S3_ENDPOINT} (optional)</li>
     *   <li>{@code tailguard.store.s3.region} / {@code AWS_REGION} (default {@code us-east-1})</li>
     *   <li>{@code tailguard.store.s3.bucket} (required)</li>
     *   <li>{@code tailguard.store.s3.access-key} / {@code AWS_ACCESS_KEY_ID},
     *       {@code tailguard.store.s3.secret-key} / {@code AWS_SECRET_ACCESS_KEY} (optional; default chain)</li>
     *   <li>{@code tailguard.store.s3.path-style} (default {@code true}),
     *       {@code tailguard.store.s3.multipart-threshold}, {@code tailguard.store.s3.part-size} (bytes),
     *       {@code tailguard.store.s3.list-page-size}</li>
     * </ul>
     * Each key {@code tailguard.store.s3.x-y} is also looked up as {@code TAILGUARD_STORE_S3_X_Y}.
     *
     * @param lookup returns the value of a key or name, or {@code null}/empty when unset
     *               (e.g. {@code k -> config.getOptionalValue(k, String.class).orElse(System.getenv(k))})
     */
    public static S3Settings from(Function<String, String> lookup) {
        Function<String, Optional<String>> get = key -> first(lookup, key, envName(key));
        String bucket = get.apply("tailguard.store.s3.bucket").orElseThrow(
                () -> new IllegalArgumentException("tailguard.store.s3.bucket is required when tailguard.store=s3"));
        String region = get.apply("tailguard.store.s3.region")
                .or(() -> first(lookup, "AWS_REGION")).orElse("us-east-1");
        Optional<URI> endpoint = get.apply("tailguard.store.s3.endpoint").map(S3Settings::uri);
        Optional<String> access = get.apply("tailguard.store.s3.access-key")
                .or(() -> first(lookup, "AWS_ACCESS_KEY_ID"));
        Optional<String> secret = get.apply("tailguard.store.s3.secret-key")
                .or(() -> first(lookup, "AWS_SECRET_ACCESS_KEY"));
        boolean pathStyle = get.apply("tailguard.store.s3.path-style").map(S3Settings::bool).orElse(true);
        long part = get.apply("tailguard.store.s3.part-size")
                .map(v -> number("tailguard.store.s3.part-size", v)).orElse(DEFAULT_PART_SIZE);
        long threshold = get.apply("tailguard.store.s3.multipart-threshold")
                .map(v -> number("tailguard.store.s3.multipart-threshold", v)).orElse(Math.max(part, DEFAULT_PART_SIZE));
        int page = get.apply("tailguard.store.s3.list-page-size")
                .map(v -> (int) number("tailguard.store.s3.list-page-size", v)).orElse(1000);
        return new S3Settings(endpoint, region, bucket, access, secret, pathStyle, threshold, part, page);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Optional<String> first(Function<String, String> lookup, String... keys) {
        for (String k : keys) {
            String v = lookup.apply(k);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    private static URI uri(String v) {
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tailguard.store.s3.endpoint is not an absolute URI: '" + v + "'", e);
        }
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("tailguard.store.s3.path-style must be true or false, was '" + v + "'");
    }

    private static long number(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of bytes, was '" + v + "'", e);
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("aws-default") + ", region=" + region
                + ", bucket=" + bucket + ", credentials=" + (accessKey.isPresent() ? "static" : "default-chain")
                + ", pathStyle=" + pathStyle + "]";
    }
}
