package dev.leadline.server.http;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.team.Rep;
import java.util.Date;

/** A meeting as an iCalendar invite (biweekly): a REQUEST, or a CANCEL once it is cancelled. */
public final class MeetingIcs {
    private MeetingIcs() {}

    public static String render(Meeting meeting, Rep organizer, String leadEmail) {
        boolean cancelled = meeting.outcome() == MeetingOutcome.CANCELLED || meeting.outcome() == MeetingOutcome.DECLINED;
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Leadline//Lead desk//EN");
        calendar.setMethod(cancelled ? Method.cancel() : Method.request());
        VEvent event = new VEvent();
        event.setUid("meeting-" + meeting.id() + "@leadline");
        event.setSummary(meeting.title());
        event.setDateStart(Date.from(meeting.startsAt()), true);
        event.setDateEnd(Date.from(meeting.endsAt()), true);
        event.setSequence(meeting.sequence());
        event.setOrganizer(new Organizer(organizer.name(), organizer.email()));
        if (leadEmail != null) {
            event.addAttendee(new Attendee(null, leadEmail));
        }
        meeting.attendees().forEach(email -> event.addAttendee(new Attendee(null, email)));
        if (cancelled) {
            event.setStatus(Status.cancelled());
        }
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
