package dev.leadline.server.files;

import dev.leadline.core.files.FileStore;
import dev.leadline.server.config.FileSettings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files in an S3-compatible bucket (AWS, MinIO, Ceph, R2, S3Proxy...), through the AWS SDK over the
 * JDK's HTTP client. Checksums are sent only where S3 requires them, as most compatible stores expect.
 * Contents go up from the spooled file and come down as a stream.
 */
public final class S3FileStore implements FileStore, AutoCloseable {
    private final S3Client s3;
    private final FileSettings.S3 settings;

    public S3FileStore(FileSettings.S3 settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKey()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(AwsBasicCredentials.create(key, settings.secretKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    @Override
    public void put(String key, Path content, long size, String contentType) throws IOException {
        try {
            s3.putObject(r -> r.bucket(settings.bucket()).key(settings.prefix() + key).contentType(contentType).contentLength(size),
                    RequestBody.fromFile(content));
        } catch (SdkException e) {
            throw new IOException("could not store " + key + " in bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(settings.bucket()).key(settings.prefix() + key));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException(key + " is not in bucket " + settings.bucket());
        } catch (SdkException e) {
            throw new IOException("could not read " + key + " from bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(settings.bucket()).key(settings.prefix() + key));
        } catch (SdkException e) {
            throw new IOException("could not remove " + key + " from bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the bucket can be reached with these settings (at start-up: a wrong bucket fails then, not on the first upload). */
    public void check() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(settings.bucket()));
        } catch (SdkException e) {
            throw new IOException("cannot reach bucket " + settings.bucket() + " (" + settings + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + settings.bucket() + "/" + settings.prefix();
    }

    @Override
    public void close() {
        s3.close();
    }
}
