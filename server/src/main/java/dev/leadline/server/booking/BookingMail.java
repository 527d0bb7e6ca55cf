package dev.leadline.server.booking;

import dev.leadline.core.booking.Booking;
import dev.leadline.core.booking.BookingEmail;
import dev.leadline.core.booking.BookingRepository;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.nurture.Mailer;
import dev.leadline.core.nurture.OutgoingEmail;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.http.MeetingIcs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.StringEscapeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the invitations booking queued: to the visitor (in the zone they booked in, with the links to move
 * or cancel) and to the rep (in theirs), each with the meeting as an iCalendar invitation whose SEQUENCE and
 * METHOD (REQUEST, or CANCEL) calendar clients update the event by. An email is sent once: one the server
 * refuses is failed, one cut off mid-send is left unknown; one overtaken by a later change of the meeting is skipped.
 * Without an SMTP server the emails are written to the log.
 */
public final class BookingMail {
    private static final Logger log = LoggerFactory.getLogger(BookingMail.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final int MAX_ATTEMPTS = 20;

    private final BookingRepository bookings;
    private final ScheduleRepository schedule;
    private final LeadRepository leads;
    private final TeamService team;
    private final Mailer mailer;
    private final Optional<String> sender;
    private final URI publicUrl;
    private final Clock clock;

    public BookingMail(BookingRepository bookings, ScheduleRepository schedule, LeadRepository leads, TeamService team, Mailer mailer,
                       Optional<String> sender, URI publicUrl, Clock clock) {
        this.bookings = bookings;
        this.schedule = schedule;
        this.leads = leads;
        this.team = team;
        this.mailer = mailer;
        this.sender = sender;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Sends up to {@code limit} due emails; returns how many it took. */
    public int deliver(int limit) {
        List<BookingEmail> due = bookings.takeDueEmails(clock.instant(), limit);
        for (BookingEmail email : due) {
            try {
                send(email);
            } catch (RuntimeException e) {
                log.warn("booking email {} to {} could not be written: {}", email.id(), email.recipient(), e.toString());
                bookings.emailEnded(email.id(), BookingEmail.State.FAILED, "could not be written: " + e.getMessage());
            }
        }
        return due.size();
    }

    private void send(BookingEmail email) {
        Optional<Meeting> meeting = schedule.meeting(email.meetingId());
        Optional<Booking> booking = meeting.flatMap(m -> bookingOf(email));
        if (meeting.isEmpty() || booking.isEmpty()) {
            bookings.emailEnded(email.id(), BookingEmail.State.SKIPPED, "the meeting is gone");
            return;
        }
        if (meeting.get().sequence() != email.sequence()) {
            bookings.emailEnded(email.id(), BookingEmail.State.SKIPPED, "the meeting changed again before it went (sequence "
                    + meeting.get().sequence() + ")");
            return;
        }
        Rep rep = team.rep(meeting.get().repId()).orElseThrow();
        Lead lead = leads.find(meeting.get().leadId()).orElseThrow();
        String visitorEmail = lead.data().get(dev.leadline.core.lead.LeadField.EMAIL).orElse(null);
        OutgoingEmail outgoing = compose(email, booking.get(), meeting.get(), rep, lead, visitorEmail);
        Mailer.Outcome outcome = mailer.send(outgoing);
        Instant now = clock.instant();
        if (outcome instanceof Mailer.Outcome.Sent) {
            bookings.emailSent(email.id(), now);
        } else if (outcome instanceof Mailer.Outcome.Deferred deferred) {
            if (email.attempts() >= MAX_ATTEMPTS) {
                bookings.emailEnded(email.id(), BookingEmail.State.FAILED, "gave up after " + email.attempts() + " attempts: " + deferred.reason());
            } else {
                long minutes = Math.min(60, 1L << Math.min(6, email.attempts()));
                bookings.emailDeferred(email.id(), now.plus(Duration.ofMinutes(minutes)), deferred.reason());
            }
        } else if (outcome instanceof Mailer.Outcome.Refused refused) {
            log.warn("booking email to {} refused: {}", email.recipient(), refused.reason());
            bookings.emailEnded(email.id(), BookingEmail.State.FAILED, refused.reason());
        } else if (outcome instanceof Mailer.Outcome.Unknown unknown) {
            log.warn("booking email to {} may or may not have gone: {}", email.recipient(), unknown.reason());
            bookings.emailEnded(email.id(), BookingEmail.State.UNKNOWN, unknown.reason());
        }
    }

    private Optional<Booking> bookingOf(BookingEmail email) {
        return bookings.byId(email.bookingId());
    }

    OutgoingEmail compose(BookingEmail email, Booking booking, Meeting meeting, Rep rep, Lead lead, String visitorEmail) {
        boolean visitor = email.role() == BookingEmail.Role.VISITOR;
        ZoneId zone = visitor ? Optional.ofNullable(booking.visitorZone()).orElse(ZoneOffset.UTC) : rep.timeZone();
        String when = WHEN.format(meeting.startsAt().atZone(zone)) + " (" + zone.getId() + ", " + meeting.duration().toMinutes() + " min)";
        // a web form's values may hold line breaks: the subject and first line are one line
        String person = oneLine(visitor ? rep.name() : Optional.ofNullable(lead.data().displayName()).filter(n -> !n.isBlank())
                .orElse(lead.id().toString()));
        String subject;
        String first;
        switch (email.kind()) {
            case UPDATE -> {
                subject = "Moved: meeting with " + person + ", " + when;
                first = (visitor ? "Your meeting with " : "The meeting with ") + person + " is moved to " + when + ".";
            }
            case CANCEL -> {
                subject = "Cancelled: meeting with " + person + ", " + when;
                first = visitor ? "Your meeting with " + person + " on " + when + " is cancelled." : person + " cancelled the meeting of " + when + ".";
            }
            default -> {
                subject = (visitor ? "Booked: meeting with " : "New meeting booked by ") + person + ", " + when;
                first = visitor ? "Your meeting with " + person + " is booked for " + when + "."
                        : person + " booked a meeting with you for " + when + " (" + lead.id() + ").";
            }
        }
        String base = publicUrl.toString().replaceAll("/+$", "");
        String page = base + "/book/" + booking.token();
        StringBuilder text = new StringBuilder(first).append("\n\n").append(oneLine(meeting.title())).append("\n");
        StringBuilder html = new StringBuilder("<p>").append(esc(first)).append("</p><p>").append(esc(meeting.title())).append("</p>");
        if (visitor && email.kind() != BookingEmail.Kind.CANCEL) {
            text.append("\nTo move or cancel it: ").append(page).append("\n");
            html.append("<p><a href=\"").append(esc(page)).append("\">Move or cancel it</a></p>");
        } else if (visitor) {
            text.append("\nTo book another time: ").append(page).append("\n");
            html.append("<p><a href=\"").append(esc(page)).append("\">Book another time</a></p>");
        } else {
            String leadPage = base + "/console/leads/" + lead.id();
            text.append("\nThe lead: ").append(leadPage).append("\n");
            html.append("<p><a href=\"").append(esc(leadPage)).append("\">Open ").append(esc(lead.id().toString())).append("</a></p>");
        }
        String from = sender.orElse(rep.email());
        String domain = Optional.ofNullable(publicUrl.getHost()).orElse("leadline");
        return new OutgoingEmail("<booking-" + email.id() + "@" + domain + ">", from, rep.name() + (sender.isPresent() ? " via Leadline" : ""),
                email.recipient(), subject, text.toString(), html.toString(), null, MeetingIcs.render(meeting, rep, visitorEmail));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029\\t]+", " ").strip();
    }

    private static String esc(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }
}
