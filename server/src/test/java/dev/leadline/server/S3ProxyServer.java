package dev.leadline.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.leadline.db.TestDatabases;
import java.util.List;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests: S3Proxy (its all-in-one jar, copied by the build to
 * {@code target/s3proxy}) in its own JVM, keeping objects in a temporary directory, with AWS v4
 * signatures checked against a test key.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "leadline-test";
    static final String SECRET_KEY = "leadline-test-secret-0123456789";
    private final Process process;
    private final int port;
    private final Path dir;

    private S3ProxyServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static S3ProxyServer start(String bucket) throws IOException {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the build copies it (mvn generate-test-resources -pl server)");
        }
        Path dir = Files.createTempDirectory("leadline-s3");
        Files.createDirectories(dir.resolve("objects"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dir.resolve("objects")));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties",
                properties.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, dir);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(server::listening);
        try (S3Client s3 = server.client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return server;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("S3Proxy stopped; see " + dir.resolve("s3proxy.log"));
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client of its own, to look into the bucket beside the server. */
    S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestDatabases.deleteQuietly(dir);
    }
}
