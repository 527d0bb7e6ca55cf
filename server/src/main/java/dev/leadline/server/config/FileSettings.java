package dev.leadline.server.config;

import dev.leadline.core.files.FileRules;
import dev.leadline.server.chat.ChatEnvironment;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Files on leads: the limits and accepted types ({@code LEADLINE_MAX_FILE_BYTES},
 * {@code LEADLINE_MAX_LEAD_FILE_BYTES}, {@code LEADLINE_FILE_TYPES}) and, for several nodes, the
 * S3-compatible bucket they are kept in ({@code LEADLINE_S3_*}); without one, under the data directory.
 */
public record FileSettings(FileRules rules, Optional<S3> s3) {
    public static final FileSettings DEFAULTS = new FileSettings(FileRules.defaults(), Optional.empty());

    /**
     * An S3-compatible bucket: {@code endpoint} for anything but AWS itself (MinIO, Ceph, R2...), with
     * path-style addresses unless told otherwise; keys given, or the SDK's default credentials (instance
     * role, environment) when not; every key under {@code prefix}.
     */
    public record S3(Optional<URI> endpoint, String bucket, String region, Optional<String> accessKey, String secretKey, String prefix,
                     boolean pathStyle) {
        @Override
        public String toString() {
            return "S3[" + endpoint.map(URI::toString).orElse("aws") + ", bucket=" + bucket + ", region=" + region + ", prefix=" + prefix + "]";
        }
    }

    static FileSettings read(ChatEnvironment env) {
        long maxFile = bytes(env, "LEADLINE_MAX_FILE_BYTES", FileRules.DEFAULT_MAX_FILE_BYTES);
        long maxLead = bytes(env, "LEADLINE_MAX_LEAD_FILE_BYTES", Math.max(FileRules.DEFAULT_MAX_LEAD_BYTES, maxFile));
        if (maxLead < maxFile) {
            env.problem("LEADLINE_MAX_LEAD_FILE_BYTES (" + maxLead + ") must be at least LEADLINE_MAX_FILE_BYTES (" + maxFile + ")");
        }
        List<String> types = env.optional("LEADLINE_FILE_TYPES").map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList()).orElse(FileRules.DEFAULT_TYPES);
        types.stream().filter(t -> !t.matches("[a-zA-Z0-9!#$&^_.+-]+/([a-zA-Z0-9!#$&^_.+-]*\\*?)"))
                .forEach(t -> env.problem("LEADLINE_FILE_TYPES must list content types like application/pdf or image/*, got '" + t + "'"));
        return new FileSettings(new FileRules(maxFile, maxLead, types), s3(env));
    }

    private static Optional<S3> s3(ChatEnvironment env) {
        Optional<String> bucket = env.optional("LEADLINE_S3_BUCKET");
        List<String> others = List.of("LEADLINE_S3_ENDPOINT", "LEADLINE_S3_REGION", "LEADLINE_S3_ACCESS_KEY", "LEADLINE_S3_SECRET_KEY",
                "LEADLINE_S3_PREFIX", "LEADLINE_S3_PATH_STYLE");
        if (bucket.isEmpty()) {
            others.stream().filter(name -> env.optional(name).isPresent())
                    .forEach(name -> env.problem(name + " is set but LEADLINE_S3_BUCKET is not; set the bucket too, or unset it"));
            return Optional.empty();
        }
        if (!bucket.get().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            env.problem("LEADLINE_S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots and hyphens), got '" + bucket.get() + "'");
        }
        Optional<URI> endpoint = env.optional("LEADLINE_S3_ENDPOINT").flatMap(raw -> {
            try {
                URI uri = new URI(raw);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            env.problem("LEADLINE_S3_ENDPOINT must be an http or https URL like https://minio.example.com:9000, got '" + raw + "'");
            return Optional.empty();
        });
        Optional<String> access = env.optional("LEADLINE_S3_ACCESS_KEY");
        Optional<String> secret = env.optional("LEADLINE_S3_SECRET_KEY");
        if (access.isPresent() != secret.isPresent()) {
            env.problem("LEADLINE_S3_ACCESS_KEY and LEADLINE_S3_SECRET_KEY go together: set both, or neither to use the default AWS credentials");
        }
        String prefix = env.optional("LEADLINE_S3_PREFIX").map(p -> p.replaceAll("^/+|/+$", "")).map(p -> p.isEmpty() ? "" : p + "/").orElse("");
        return Optional.of(new S3(endpoint, bucket.get(), env.optional("LEADLINE_S3_REGION").orElse("us-east-1"), access, secret.orElse(""), prefix,
                env.flag("LEADLINE_S3_PATH_STYLE", endpoint.isPresent())));
    }

    private static long bytes(ChatEnvironment env, String name, long fallback) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= 1 && value <= 5L * 1024 * 1024 * 1024) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(name + " must be a number of bytes from 1 to 5368709120 (5 GiB), got '" + raw.get() + "'");
        return fallback;
    }
}
