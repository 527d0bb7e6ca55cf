package dev.leadline.server;

import static dev.leadline.server.LeadFilesTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Files on leads kept in an S3-compatible bucket: a real S3Proxy server, two server nodes sharing it. */
class LeadFilesOnS3Test {
    private static final String BUCKET = "leadline-files";
    private static S3ProxyServer s3;
    private static TestServer server;
    private static TestServer other;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(BUCKET);
        Map<String, String> env = Map.of("LEADLINE_S3_ENDPOINT", s3.endpoint().toString(), "LEADLINE_S3_BUCKET", BUCKET,
                "LEADLINE_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY, "LEADLINE_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY,
                "LEADLINE_S3_PREFIX", "acme");
        server = TestServer.start(env);
        other = server.beside(env, java.time.Clock.systemUTC());
        LeadFilesTest.team(server);
    }

    @AfterAll
    static void stop() {
        other.close();
        server.close();
        s3.close();
    }

    @Test
    void aFileUploadedToOneNodeIsInTheBucketAndDownloadsFromAnotherByteForByte() throws Exception {
        String lead = LeadFilesTest.newLead(server, "Bucket");
        byte[] pdf = TestFiles.pdf(3 * 1024 * 1024 + 17);

        HttpResponse<String> up = LeadFilesTest.upload(server, lead, "mia@example.com", "proposal.pdf", "application/pdf", pdf);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode file = JSON.readTree(up.body()).path("files").get(0);
        String key = "acme/lead/" + lead.replaceAll("\\D", "") + "/" + TestFiles.sha256(pdf);
        try (S3Client client = s3.client()) {
            assertThat(client.listObjectsV2(r -> r.bucket(BUCKET).prefix("acme/")).contents()).extracting(S3Object::key).contains(key);
            assertThat(client.headObject(r -> r.bucket(BUCKET).key(key)).contentLength()).isEqualTo(pdf.length);
        }
        HttpResponse<byte[]> down = LeadFilesTest.download(other, file.path("url").asText());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(TestFiles.sha256(down.body())).isEqualTo(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(pdf));
    }

    @Test
    void theSameContentIsStoredOnceAndARemovedFileLeavesTheBucket() throws Exception {
        String lead = LeadFilesTest.newLead(server, "Once");
        byte[] content = "Call notes: wants SSO\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode file = JSON.readTree(LeadFilesTest.upload(server, lead, "mia@example.com", "call.txt", "text/plain", content).body())
                .path("files").get(0);
        HttpResponse<String> again = LeadFilesTest.upload(other, lead, "mia@example.com", "call-again.txt", "text/plain", content);
        assertThat(JSON.readTree(again.body()).path("files").get(0).path("status").asText()).isEqualTo("already_attached");
        String prefix = "acme/lead/" + lead.replaceAll("\\D", "") + "/";
        try (S3Client client = s3.client()) {
            assertThat(client.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents()).hasSize(1);

            HttpResponse<String> removed = other.send(other.request(file.path("url").asText() + "?rep=mia@example.com").DELETE().build());

            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
            assertThat(client.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents()).isEmpty();
        }
        assertThat(LeadFilesTest.download(server, file.path("url").asText()).statusCode()).isEqualTo(404);
    }
}
