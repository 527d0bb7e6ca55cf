package dev.leadline.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.booking.Booking;
import dev.leadline.core.booking.BookingOffer;
import dev.leadline.core.booking.BookingOutcome;
import dev.leadline.core.booking.BookingService;
import dev.leadline.core.booking.SlotFinder;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.intake.FormService;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.StringEscapeUtils;

/**
 * {@code /book/...}: the visitor's side of booking, for anyone holding the link (the token is the secret; no
 * sign-in). The hosted page, the embeddable script, the slots, and booking, moving and cancelling the meeting.
 * Answers in JSON to scripts (with CORS for the form's allowed origins) and, for the page's plain HTML forms,
 * with a redirect back to the page.
 */
public final class BookingController {
    /** Slots in one answer to {@code GET /book/{token}/slots}. */
    static final int PAGE = 40;
    /** Slot buttons on the page without its script. */
    static final int PAGE_WITHOUT_SCRIPT = 20;
    /** UTC, named so (not "Z") in answers and on the page. */
    static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private final ObjectMapper json;
    private final BookingService bookings;
    private final FormService forms;
    private final TeamService team;
    private final URI publicUrl;
    private final byte[] widget;

    public BookingController(ObjectMapper json, BookingService bookings, FormService forms, TeamService team, URI publicUrl) {
        this.json = json;
        this.bookings = bookings;
        this.forms = forms;
        this.team = team;
        this.publicUrl = publicUrl;
        try (InputStream in = BookingController.class.getResourceAsStream("/booking/widget.js")) {
            this.widget = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the booking widget is missing from the jar", e);
        }
    }

    /** The booking part of a form's {@code 201}: the link and the first slots, in UTC. */
    Map<String, Object> describe(BookingOffer offer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", url(offer.booking()));
        out.put("slotsUrl", url(offer.booking()) + "/slots");
        out.put("durationMinutes", offer.booking().duration().toMinutes());
        out.put("slots", slots(offer.slots(), UTC));
        return out;
    }

    /** The link's path on this server, for the hosted page's own links and forms. */
    private static String path(Booking booking) {
        return "/book/" + booking.token();
    }

    String url(Booking booking) {
        return publicUrl.toString().replaceAll("/+$", "") + "/book/" + booking.token();
    }

    void widget(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300").header("X-Content-Type-Options", "nosniff")
                .contentType("text/javascript; charset=utf-8").result(widget);
    }

    /** {@code GET /book/{token}/slots?from=&tz=}: the state, the meeting once booked, and free slots shown in {@code tz}. */
    void slots(Context ctx) {
        Booking booking = found(ctx);
        allowOrigin(ctx, booking);
        ZoneId zone = zone(ctx.queryParam("tz"), "tz");
        Instant from = Optional.ofNullable(ctx.queryParam("from")).filter(f -> !f.isBlank()).map(f -> instant(f, "from", zone)).orElse(null);
        List<SlotFinder.Slot> slots = bookings.slots(booking, from, PAGE + 1);
        Map<String, Object> out = state(booking, zone);
        out.put("slots", slots(slots.subList(0, Math.min(PAGE, slots.size())), zone));
        if (slots.size() > PAGE) {
            out.put("next", url(booking) + "/slots?from=" + slots.get(PAGE).start() + "&tz="
                    + java.net.URLEncoder.encode(zone.getId(), java.nio.charset.StandardCharsets.UTF_8));
        }
        ctx.header("Cache-Control", "no-store").json(out);
    }

    /** {@code POST /book/{token}}: books the slot starting at {@code startsAt}. */
    void book(Context ctx) throws IOException {
        Booking booking = found(ctx);
        allowOrigin(ctx, booking);
        onPage(ctx, booking, () -> {
            Map<String, String> body = body(ctx);
            ZoneId zone = zone(body.get("timeZone"), "timeZone");
            BookingOutcome outcome = bookings.book(booking.token(), instant(body.get("startsAt"), "startsAt", zone),
                    body.get("timeZone") == null ? null : zone);
            answer(ctx, booking, outcome, zone, HttpStatus.CREATED, "");
        });
    }

    private interface Call {
        void run() throws IOException;
    }

    /** A page's form whose values do not fit gets a page saying so (a script gets the API's JSON error). */
    private void onPage(Context ctx, Booking booking, Call call) throws IOException {
        try {
            call.run();
        } catch (ValidationException e) {
            if (isJson(ctx)) {
                throw e;
            }
            page(ctx, HttpStatus.BAD_REQUEST, "Please check", "<p>" + esc(e.getMessage()) + ".</p><p><a href=\"" + esc(path(booking))
                    + "\">Back</a></p>");
        }
    }

    /** {@code POST /book/{token}/reschedule}: moves the booked meeting to {@code startsAt}. */
    void reschedule(Context ctx) throws IOException {
        Booking booking = found(ctx);
        allowOrigin(ctx, booking);
        onPage(ctx, booking, () -> {
            Map<String, String> body = body(ctx);
            ZoneId zone = zone(body.get("timeZone"), "timeZone");
            answer(ctx, booking, bookings.reschedule(booking.token(), instant(body.get("startsAt"), "startsAt", zone),
                    body.get("timeZone") == null ? null : zone), zone, HttpStatus.OK, "/reschedule");
        });
    }

    /** {@code POST /book/{token}/cancel}. */
    void cancel(Context ctx) throws IOException {
        Booking booking = found(ctx);
        allowOrigin(ctx, booking);
        onPage(ctx, booking, () -> {
            Map<String, String> body = body(ctx);
            answer(ctx, booking, bookings.cancel(booking.token()), zone(body.get("timeZone"), "timeZone"), HttpStatus.OK, "");
        });
    }

    /** {@code GET /book/{token}/meeting.ics}: the booked meeting's invitation as it stands. */
    void ics(Context ctx) {
        Booking booking = found(ctx);
        Meeting meeting = bookings.meeting(booking).orElseThrow(() -> new HttpProblem(404, "not_found", "nothing is booked through this link yet"));
        Rep rep = team.rep(meeting.repId()).orElseThrow();
        String email = bookings.lead(booking).flatMap(l -> l.data().get(dev.leadline.core.lead.LeadField.EMAIL)).orElse(null);
        ctx.header("Content-Disposition", "attachment; filename=\"meeting.ics\"").header("Cache-Control", "no-store")
                .contentType("text/calendar; charset=utf-8").result(MeetingIcs.render(meeting, rep, email));
    }

    void preflight(Context ctx) {
        Booking booking = found(ctx);
        allowOrigin(ctx, booking);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS").header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600").status(204);
    }

    /** {@code GET /book/{token}}: the hosted page; the script draws the slots in the visitor's zone, the HTML works without it. */
    void page(Context ctx) {
        Optional<Booking> found = bookings.find(ctx.pathParam("token"));
        if (found.isEmpty()) {
            page(ctx, HttpStatus.NOT_FOUND, "Link not found", "<p>This booking link is not known here. Check that it was copied whole.</p>");
            return;
        }
        Booking booking = found.get();
        ZoneId zone = Optional.ofNullable(ctx.queryParam("tz")).filter(tz -> !tz.isBlank()).map(tz -> pageZone(tz, booking))
                .orElse(booking.visitorZone() == null ? UTC : booking.visitorZone());
        StringBuilder body = new StringBuilder();
        // the page's own origin, whatever name it was reached by (a proxy, LEADLINE_PUBLIC_URL): links relative to it
        body.append("<div id=\"leadline-booking\" data-leadline-booking=\"/book/").append(esc(booking.token())).append("\"></div>");
        Instant from = Optional.ofNullable(ctx.queryParam("from")).filter(f -> !f.isBlank()).flatMap(f -> {
            try {
                return Optional.of(instant(f, "from", zone));
            } catch (ValidationException e) {
                return Optional.empty();
            }
        }).orElse(null);
        body.append("<noscript>").append(plain(booking, zone, from)).append("</noscript>");
        body.append("<script src=\"/book/widget.js\"></script>");
        page(ctx, HttpStatus.OK, "Book a meeting", body.toString());
    }

    // -- answers

    private void answer(Context ctx, Booking booking, BookingOutcome outcome, ZoneId zone, HttpStatus created, String action) {
        boolean fromPage = !isJson(ctx);
        if (outcome instanceof BookingOutcome.Booked booked) {
            if (fromPage) {
                ctx.redirect(path(booking) + "?tz=" + java.net.URLEncoder.encode(zone.getId(), java.nio.charset.StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
                return;
            }
            Map<String, Object> out = state(booked.booking(), zone);
            out.put("meeting", meeting(booked.meeting(), booked.rep(), zone));
            ctx.status(booked.repeated() ? HttpStatus.OK : created).json(out);
        } else if (outcome instanceof BookingOutcome.Cancelled cancelled) {
            if (fromPage) {
                ctx.redirect(path(booking) + "?tz=" + java.net.URLEncoder.encode(zone.getId(), java.nio.charset.StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
                return;
            }
            Map<String, Object> out = state(cancelled.booking(), zone);
            out.put("meeting", meeting(cancelled.meeting(), team.rep(cancelled.meeting().repId()).orElseThrow(), zone));
            ctx.json(out);
        } else if (outcome instanceof BookingOutcome.SlotTaken taken) {
            if (fromPage) {
                page(ctx, HttpStatus.CONFLICT, "That time was just taken", "<p>Someone was faster. These times are free:</p>"
                        + slotForms(booking, taken.slots(), zone, action, null));
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "slot_taken");
            out.put("message", "that time is no longer free; pick another");
            out.put("slots", slots(taken.slots(), zone));
            ctx.status(409).json(out);
        } else if (outcome instanceof BookingOutcome.Refused refused) {
            if (fromPage) {
                page(ctx, HttpStatus.CONFLICT, "Not possible", "<p>" + esc(capital(refused.message())) + ".</p><p><a href=\""
                        + esc(path(booking)) + "\">Back</a></p>");
                return;
            }
            ctx.status(409).json(new ApiError(refused.code(), refused.message()));
        }
    }

    private Map<String, Object> state(Booking booking, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", bookings.isOpen(booking) ? booking.state().name().toLowerCase(Locale.ROOT) : "closed");
        out.put("durationMinutes", booking.duration().toMinutes());
        out.put("timeZone", zone.getId());
        if (booking.state() != Booking.State.OPEN) {
            bookings.meeting(booking).ifPresent(m -> out.put("meeting", meeting(m, team.rep(m.repId()).orElseThrow(), zone)));
        }
        Map<String, String> links = new LinkedHashMap<>();
        links.put("page", url(booking));
        links.put("slots", url(booking) + "/slots");
        if (booking.state() == Booking.State.BOOKED) {
            links.put("reschedule", url(booking) + "/reschedule");
            links.put("cancel", url(booking) + "/cancel");
            links.put("ics", url(booking) + "/meeting.ics");
        }
        out.put("links", links);
        return out;
    }

    private static Map<String, Object> meeting(Meeting meeting, Rep rep, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", meeting.title());
        out.put("startsAt", meeting.startsAt().atZone(zone).toOffsetDateTime().toString());
        out.put("endsAt", meeting.endsAt().atZone(zone).toOffsetDateTime().toString());
        out.put("with", rep.name());
        out.put("status", meeting.outcome() == MeetingOutcome.CANCELLED ? "cancelled" : meeting.outcome() == null ? "booked"
                : meeting.outcome().name().toLowerCase(Locale.ROOT));
        out.put("sequence", meeting.sequence());
        return out;
    }

    private static List<Map<String, String>> slots(List<SlotFinder.Slot> slots, ZoneId zone) {
        return slots.stream().map(s -> {
            Map<String, String> slot = new LinkedHashMap<>();
            slot.put("startsAt", s.start().atZone(zone).toOffsetDateTime().toString());
            slot.put("endsAt", s.end().atZone(zone).toOffsetDateTime().toString());
            return slot;
        }).toList();
    }

    // -- the page without its script

    private String plain(Booking booking, ZoneId zone, Instant from) {
        StringBuilder html = new StringBuilder();
        if (!bookings.isOpen(booking)) {
            return "<p>This booking link is closed. We will be in touch.</p>";
        }
        Optional<Meeting> meeting = bookings.meeting(booking);
        String zoneField = "<input type=\"hidden\" name=\"timeZone\" value=\"" + esc(zone.getId()) + "\">";
        if (booking.state() == Booking.State.BOOKED && meeting.isPresent()) {
            Rep rep = team.rep(meeting.get().repId()).orElseThrow();
            html.append("<p>Your meeting with <b>").append(esc(rep.name())).append("</b> is booked for <b>")
                    .append(esc(SHOWN.format(meeting.get().startsAt().atZone(zone)))).append("</b> (").append(esc(zone.getId())).append(").</p>")
                    .append("<p><a href=\"").append(esc(path(booking))).append("/meeting.ics\">Add to calendar</a></p>")
                    .append("<form method=\"post\" action=\"").append(esc(path(booking))).append("/cancel\">").append(zoneField)
                    .append("<button>Cancel the meeting</button></form>")
                    .append("<h2>Move it to</h2>");
            html.append(slotForms(booking, bookings.slots(booking, from, PAGE_WITHOUT_SCRIPT + 1), zone, "/reschedule", from));
            return html.toString();
        }
        if (booking.state() == Booking.State.CANCELLED) {
            html.append("<p>The meeting was cancelled. Book another time:</p>");
        }
        html.append(slotForms(booking, bookings.slots(booking, from, PAGE_WITHOUT_SCRIPT + 1), zone, "", from));
        return html.toString();
    }

    /** Slot buttons posting to the link ({@code action}: "" to book, "/reschedule" to move); with one slot too many, a link to later times. */
    private String slotForms(Booking booking, List<SlotFinder.Slot> slots, ZoneId zone, String action, Instant from) {
        if (slots.isEmpty()) {
            return "<p>No free times in the next " + booking.days() + " days. We will be in touch.</p>";
        }
        List<SlotFinder.Slot> shown = slots.subList(0, Math.min(PAGE_WITHOUT_SCRIPT, slots.size()));
        StringBuilder html = new StringBuilder("<p>Times in ").append(esc(zone.getId())).append(":</p>");
        html.append("<form method=\"post\" action=\"").append(esc(path(booking) + action)).append("\">");
        html.append("<input type=\"hidden\" name=\"timeZone\" value=\"").append(esc(zone.getId())).append("\">");
        for (SlotFinder.Slot slot : shown) {
            html.append("<button name=\"startsAt\" value=\"").append(esc(slot.start().toString())).append("\">")
                    .append(esc(SHOWN.format(slot.start().atZone(zone)))).append("</button> ");
        }
        html.append("</form>");
        if (slots.size() > PAGE_WITHOUT_SCRIPT) {
            html.append("<p><a href=\"").append(esc(path(booking) + "?from=" + slots.get(PAGE_WITHOUT_SCRIPT).start() + "&tz="
                    + java.net.URLEncoder.encode(zone.getId(), java.nio.charset.StandardCharsets.UTF_8))).append("\">Later times</a></p>");
        }
        return html.toString();
    }

    /** The page's zone from {@code ?tz=}: one it cannot read is left for the visitor's own (the page says which it shows). */
    private static ZoneId pageZone(String text, Booking booking) {
        try {
            return zone(text, "tz");
        } catch (ValidationException e) {
            return booking.visitorZone() == null ? UTC : booking.visitorZone();
        }
    }

    private static void page(Context ctx, HttpStatus status, String title, String body) {
        ctx.status(status).header("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
                        + "style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors *")
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                        + "<title>" + title + "</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}"
                        + "button{font-size:1rem;padding:.4rem .8rem;margin:.2rem}</style></head><body><h1>" + title + "</h1>" + body
                        + "</body></html>");
    }

    // -- reading requests

    private Booking found(Context ctx) {
        return bookings.booking(ctx.pathParam("token"));
    }

    private void allowOrigin(Context ctx, Booking booking) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals(publicUrl.getScheme() + "://" + publicUrl.getAuthority()) || sameHost(origin, ctx.header("Host"))) {
            return;
        }
        FormDefinition form = forms.form(booking.formKey());
        if (!form.allowedOrigins().contains(origin)) {
            throw new HttpProblem(403, "origin_not_allowed", "this page's origin may not use this booking link; "
                    + "add it to the form's allowedOrigins");
        }
        ctx.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
    }

    /** The hosted page calling its own server, by whatever name it was reached (the scheme may differ behind a TLS proxy). */
    private static boolean sameHost(String origin, String host) {
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJson(Context ctx) {
        return Optional.ofNullable(ctx.contentType()).orElse("").startsWith("application/json");
    }

    private Map<String, String> body(Context ctx) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (isJson(ctx)) {
            byte[] bytes = ctx.bodyAsBytes();
            if (bytes.length == 0) {
                return fields;
            }
            Map<String, Object> raw = json.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (raw == null) {
                throw new HttpProblem(400, "malformed_json", "the body must be a JSON object like {\"startsAt\": \"2026-12-08T10:00:00Z\"}");
            }
            for (Map.Entry<String, Object> field : raw.entrySet()) {
                if (field.getValue() instanceof Map<?, ?> || field.getValue() instanceof List<?>) {
                    throw new ValidationException(field.getKey(), "must be text, not " + (field.getValue() instanceof Map<?, ?> ? "an object" : "a list"));
                }
                if (field.getValue() != null) {
                    fields.put(field.getKey(), String.valueOf(field.getValue()));
                }
            }
            return known(fields);
        }
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return known(UrlEncodedForm.parse(ctx.bodyAsBytes()));
        }
        if (ctx.bodyAsBytes().length > 0) {
            throw new HttpProblem(415, "unsupported_media_type", "send JSON (application/json) or a form (application/x-www-form-urlencoded)");
        }
        return fields;
    }

    /** The fields a booking call takes: {@code startsAt} and {@code timeZone}; others are refused, as everywhere in the API. */
    private static Map<String, String> known(Map<String, String> fields) {
        fields.keySet().stream().filter(k -> !k.equals("startsAt") && !k.equals("timeZone")).findFirst().ifPresent(k -> {
            throw new ValidationException(k.length() > 40 ? k.substring(0, 40) + "…" : k, "is not a field here; send startsAt and timeZone");
        });
        return fields;
    }

    /** An instant as ISO with an offset or {@code Z}, or a local date-time read in {@code zone}. */
    static Instant instant(String text, String field, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required, as a time like 2026-12-08T10:00:00Z");
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                try {
                    return java.time.LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException last) {
                    throw new ValidationException(field, "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                            + "' is not a time like 2026-12-08T10:00:00Z");
                }
            }
        }
    }

    static ZoneId zone(String text, String field) {
        if (text == null || text.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new ValidationException(field, "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' is not a time zone like Europe/Berlin or America/New_York");
        }
    }

    private static String esc(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
