package dev.leadline.server.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.leadline.core.booking.CalendarSource;
import dev.leadline.core.booking.Interval;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Busy times from a free/busy ICS address, served by a small HTTP server, and the bounds on reading one. */
class IcsAddressTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String CALENDAR = String.join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Leadline tests//EN",
            "BEGIN:VEVENT", "UID:standup", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Berlin:20260302T093000",
            "DURATION:PT15M", "RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT",
            "BEGIN:VEVENT", "UID:floating", "DTSTAMP:20260101T000000Z", "DTSTART:20260305T120000", "DTEND:20260305T130000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:free", "DTSTAMP:20260101T000000Z", "DTSTART:20260306T120000Z", "DTEND:20260306T130000Z",
            "TRANSP:TRANSPARENT", "END:VEVENT",
            "BEGIN:VFREEBUSY", "UID:fb", "DTSTAMP:20260101T000000Z", "DTSTART:20260301T000000Z", "DTEND:20260401T000000Z",
            "FREEBUSY:20260310T090000Z/20260310T100000Z,20260311T090000Z/PT30M",
            "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260312T090000Z/20260312T091500Z",
            "FREEBUSY;FBTYPE=FREE:20260313T090000Z/20260313T170000Z",
            "FREEBUSY:20260501T090000Z/20260501T100000Z",
            "END:VFREEBUSY", "END:VCALENDAR", "");
    private static HttpServer http;
    private final CalendarReader reader = new CalendarReader(new CalendarHttp());

    @BeforeAll
    static void serve() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/calendar/secret-7f3a/basic.ics", exchange -> answer(exchange, 200, CALENDAR));
        http.createContext("/hop/", exchange -> {
            int hop = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hop/".length()));
            exchange.getResponseHeaders().add("Location", hop == 0 ? "/calendar/secret-7f3a/basic.ics" : "/hop/" + (hop - 1));
            answer(exchange, 302, "");
        });
        http.createContext("/ftp", exchange -> {
            exchange.getResponseHeaders().add("Location", "ftp://127.0.0.1/basic.ics");
            answer(exchange, 301, "");
        });
        http.createContext("/huge.ics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                byte[] line = "X-FILL:0123456789012345678901234567890123456789012345678901234567890123456789\r\n".getBytes(StandardCharsets.UTF_8);
                for (int written = 0; written < 6 * 1024 * 1024; written += line.length) {
                    body.write(line);
                }
            } catch (IOException e) {
                // the reader hung up once it had enough
            }
        });
        http.createContext("/page.html", exchange -> answer(exchange, 200, "<html>sign in</html>"));
        http.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterAll
    static void stop() {
        http.stop(0);
    }

    private static CalendarSource.IcsAddress ics(String path) {
        return new CalendarSource.IcsAddress(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path));
    }

    private static Interval at(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void busyTimesAreTheEventsAndTheFreeBusyPeriodsThatAreNotFree() {
        assertThat(reader.busy(ics("/calendar/secret-7f3a/basic.ics"), FROM, TO, BERLIN)).containsExactly(
                at("2026-03-02T08:30:00Z", "2026-03-02T08:45:00Z"),
                at("2026-03-03T08:30:00Z", "2026-03-03T08:45:00Z"),
                at("2026-03-05T11:00:00Z", "2026-03-05T12:00:00Z"),
                at("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z"),
                at("2026-03-11T09:00:00Z", "2026-03-11T09:30:00Z"),
                at("2026-03-12T09:00:00Z", "2026-03-12T09:15:00Z"));
    }

    @Test
    void threeRedirectsAreFollowedAndAFourthIsRefused() {
        assertThat(reader.busy(ics("/hop/2"), FROM, TO, BERLIN)).hasSize(6);
        assertThatThrownBy(() -> reader.busy(ics("/hop/3"), FROM, TO, BERLIN)).isInstanceOf(CalendarReadException.class)
                .hasMessage("127.0.0.1 redirected more than 3 times");
    }

    @Test
    void aRedirectToAnythingButHttpIsRefused() {
        assertThatThrownBy(() -> reader.busy(ics("/ftp"), FROM, TO, BERLIN))
                .hasMessage("127.0.0.1 redirected to something other than an http(s) address");
    }

    @Test
    void anAnswerOverFiveMegabytesIsRefused() {
        assertThatThrownBy(() -> reader.busy(ics("/huge.ics"), FROM, TO, BERLIN)).hasMessage("127.0.0.1 sent more than 5 MB");
    }

    @Test
    void failuresNameTheHostAndNeverTheSecretPath() {
        assertThatThrownBy(() -> reader.busy(ics("/calendar/secret-other/basic.ics"), FROM, TO, BERLIN))
                .hasMessage("127.0.0.1 answered HTTP 404 (no calendar at that address)");
        assertThatThrownBy(() -> reader.busy(ics("/page.html"), FROM, TO, BERLIN))
                .hasMessage("127.0.0.1 sent no calendar (no BEGIN:VCALENDAR)");
        assertThat(ics("/calendar/secret-7f3a/basic.ics").shownUrl()).isEqualTo("http://127.0.0.1:" + http.getAddress().getPort() + "/…");
        assertThat(ics("/calendar/secret-7f3a/basic.ics").toString()).doesNotContain("secret");
    }

    @Test
    void aServerThatDoesNotListenIsNamed() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CalendarSource.IcsAddress nowhere = new CalendarSource.IcsAddress(URI.create("http://127.0.0.1:" + port + "/x.ics"));
        assertThatThrownBy(() -> reader.busy(nowhere, FROM, TO, BERLIN)).hasMessage("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void expandingKeepsToTheWindow() {
        List<Interval> march = reader.busy(ics("/calendar/secret-7f3a/basic.ics"), Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-06T00:00:00Z"), BERLIN);
        assertThat(march).containsExactly(at("2026-03-03T08:30:00Z", "2026-03-03T08:45:00Z"), at("2026-03-05T11:00:00Z", "2026-03-05T12:00:00Z"));
    }
}
