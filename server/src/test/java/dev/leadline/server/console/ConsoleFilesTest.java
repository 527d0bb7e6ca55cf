package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.server.Multipart;
import dev.leadline.server.TestFiles;
import dev.leadline.server.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lead page's Files over HTTP as a browser sends its forms (multipart with the CSRF field, no htmx):
 * upload, listed, downloaded with the session byte for byte, removed; refusals shown on the lead page.
 */
class ConsoleFilesTest {
    private static final Pattern DOWNLOAD = Pattern.compile("<a href=\"(/console/files/(\\d+))\">([^<]+)</a>");
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session jane;
    private static ConsoleFixture.Session omar;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_MAX_FILE_BYTES", "200000"));
        console = new ConsoleFixture(server);
        jane = console.signIn("jane@example.com");
        omar = console.signIn("omar@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anOwnerUploadsFilesThatAreListedDownloadByteForByteAndAreRemoved() throws Exception {
        String lead = janes("Hopper");
        byte[] pdf = TestFiles.pdf(150_000);

        HttpResponse<String> up = upload(jane, lead, form(jane).file("file", "quote.pdf", "application/octet-stream", pdf)
                .file("file", "notes.txt", "text/plain", "Seats: 40\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(up.statusCode()).as(up.body()).isEqualTo(303);
        String page = console.get(up.headers().firstValue("Location").orElseThrow(), jane.cookie()).body();
        assertThat(page).contains("Attached: the files are listed under Files.").contains("Jane Rivera attached quote.pdf");
        String row = row(page, "quote.pdf");
        assertThat(row).contains("146 KB").contains("application/pdf").contains("jane@example.com").contains("Remove");
        assertThat(row(page, "notes.txt")).contains("10 bytes").contains("text/plain");

        Matcher link = DOWNLOAD.matcher(row);
        assertThat(link.find()).as(row).isTrue();
        HttpResponse<byte[]> down = download(link.group(1), jane.cookie());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(pdf);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"quote.pdf\"");
        assertThat(down.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(down.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
        assertThat(download(link.group(1), null).statusCode()).as("no session: to the sign-in page").isEqualTo(303);

        HttpResponse<String> removed = console.post(link.group(1) + "/remove", jane.cookie(), Map.of("_csrf", jane.csrf()));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(303);
        String after = console.get(removed.headers().firstValue("Location").orElseThrow(), jane.cookie()).body();
        assertThat(after).contains("Removed: the file is gone from the lead.").contains("Jane Rivera removed quote.pdf")
                .doesNotContain(link.group(1) + "\"");
        assertThat(download(link.group(1), jane.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTypeNotAcceptedASizeOverTheLimitAndAnotherRepsLeadAreRefusedOnTheLeadPage() throws Exception {
        String lead = janes("Lovelace");

        HttpResponse<String> html = upload(jane, lead, form(jane).file("file", "notes.txt", "text/plain", TestFiles.html()));
        HttpResponse<String> big = upload(jane, lead, form(jane).file("file", "deck.pdf", "application/pdf", TestFiles.pdf(250_000)));
        HttpResponse<String> omars = upload(omar, lead, form(omar).file("file", "a.txt", "text/plain", "mine".getBytes(StandardCharsets.UTF_8)));

        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(alert(html.body())).startsWith("Not attached: 'notes.txt' is text/html, which is not accepted");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(alert(big.body())).startsWith("Not attached: 'deck.pdf' is over 200000 bytes").contains("LEADLINE_MAX_FILE_BYTES");
        assertThat(omars.statusCode()).isEqualTo(403);
        assertThat(alert(omars.body())).isEqualTo("Not attached: " + lead + " belongs to someone else");
        for (HttpResponse<String> refused : java.util.List.of(html, big, omars)) {
            assertThat(refused.body()).contains("<h2 id=\"files-title\">Files</h2>").contains("No files yet.").doesNotContain("Exception");
        }
        HttpResponse<String> huge = upload(jane, lead, form(jane).file("file", "huge.pdf", "application/pdf", TestFiles.pdf(6_000_000)));
        assertThat(huge.statusCode()).as("over what one request may carry: refused as the form is read").isEqualTo(413);
        assertThat(huge.body()).isEqualTo("Not taken: this upload is larger than the console takes at once. Send fewer or smaller files.");
        assertThat(console.get("/console/leads/" + lead, omar.cookie()).body()).as("no upload form for another rep's lead")
                .doesNotContain("/console/leads/" + lead + "/files");
    }

    @Test
    void anotherRepMayNotRemoveAFileAndAnUploadWithoutTheCsrfTokenIsRefused() throws Exception {
        String lead = janes("Hamilton");
        upload(jane, lead, form(jane).file("file", "plan.txt", "text/plain", "plan".getBytes(StandardCharsets.UTF_8)));
        Matcher link = DOWNLOAD.matcher(console.get("/console/leads/" + lead, jane.cookie()).body());
        assertThat(link.find()).isTrue();

        HttpResponse<String> omarRemoves = console.post(link.group(1) + "/remove", omar.cookie(), Map.of("_csrf", omar.csrf()));
        HttpResponse<String> forged = server.send(new Multipart().file("file", "x.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .post(HttpRequest.newBuilder(console.uri("/console/leads/" + lead + "/files"))).header("Cookie", jane.cookie()).build());

        assertThat(omarRemoves.statusCode()).isEqualTo(403);
        assertThat(alert(omarRemoves.body())).isEqualTo("Not removed: " + lead + " belongs to someone else");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(console.get("/console/leads/" + lead, jane.cookie()).body()).contains("plan.txt").doesNotContain("x.txt");
    }

    /** A new lead that Jane has claimed. */
    private static String janes(String lastName) throws Exception {
        String lead = console.offeredLead(lastName);
        assertThat(console.post("/console/leads/" + lead + "/claim", jane.cookie(), Map.of("_csrf", jane.csrf())).statusCode()).isEqualTo(303);
        return lead;
    }

    /** The lead page's upload form as a browser posts it: multipart, the CSRF token first, then the files. */
    private static Multipart form(ConsoleFixture.Session session) {
        return new Multipart().field("_csrf", session.csrf());
    }

    private static HttpResponse<String> upload(ConsoleFixture.Session session, String lead, Multipart form) {
        return server.send(form.post(HttpRequest.newBuilder(console.uri("/console/leads/" + lead + "/files"))).header("Cookie", session.cookie())
                .build());
    }

    private static HttpResponse<byte[]> download(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(console.uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The Files table's row of the file. */
    private static String row(String page, String name) {
        int at = page.indexOf(">" + name + "</a>");
        assertThat(at).as(name).isNotNegative();
        return page.substring(page.lastIndexOf("<tr>", at), page.indexOf("</tr>", at));
    }

    /** The lead panel's alert. */
    private static String alert(String page) {
        Matcher alert = Pattern.compile("<p class=\"alert\" role=\"alert\">([^<]*)</p>").matcher(page);
        assertThat(alert.find()).as(page).isTrue();
        return alert.group(1).replace("&#39;", "'");
    }
}
