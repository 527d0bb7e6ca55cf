package dev.leadline.server.team;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.team.WorkingHours;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Who is on the desk and in which queues, as {@code GET /reps}, {@code GET /queues} and {@code leadline reps} show it. */
public final class Roster {
    private final TeamService team;
    private final Clock clock;

    public Roster(TeamService team, Clock clock) {
        this.team = team;
        this.clock = clock;
    }

    /** A rep with the queues they are in and whether routing may give them leads now. */
    public record RepEntry(long id, String name, String email, String role, List<String> queues, boolean active, boolean paused,
                           OutOfOffice outOfOffice, String timeZone, String workingHours, boolean workingNow) {
        /** In one phrase: available, inactive, paused, out of office or outside working hours. */
        public String availability() {
            if (!active) {
                return "inactive";
            } else if (paused) {
                return "paused";
            } else if (outOfOffice != null && outOfOffice.now()) {
                return outOfOffice.until() == null ? "out of office" : "out of office until " + outOfOffice.until();
            } else if (!workingNow) {
                return "outside working hours (" + workingHours + " " + timeZone + ")";
            }
            return "available";
        }
    }

    /** A rep's out-of-office period; {@code now} says whether it has begun and not ended. */
    public record OutOfOffice(String from, String until, boolean now) {}

    /** A queue with its strategy and its members' emails. */
    public record QueueEntry(long id, String name, String description, String strategy, List<String> members) {}

    public List<RepEntry> reps() {
        Instant now = clock.instant();
        List<LeadQueue> queues = team.queues();
        return team.reps().stream().sorted(Comparator.comparing(Rep::email)).map(rep -> new RepEntry(rep.id(), rep.name(), rep.email(),
                rep.role().name(), queues.stream().filter(q -> q.memberRepIds().contains(rep.id())).map(LeadQueue::name).sorted().toList(),
                rep.active(), rep.paused(), outOfOffice(rep, now), zone(rep).getId(), rep.workingHours(), workingAt(rep, now))).toList();
    }

    private static ZoneId zone(Rep rep) {
        return rep.timeZone() == null ? ZoneOffset.UTC : rep.timeZone();
    }

    private static boolean workingAt(Rep rep, Instant now) {
        return rep.workingHours() == null || rep.workingHours().isBlank()
                || WorkingHours.parse(rep.workingHours(), "workingHours").isWorking(now, zone(rep));
    }

    public List<QueueEntry> queues() {
        Map<Long, String> emails = team.reps().stream().collect(Collectors.toMap(Rep::id, Rep::email));
        return team.queues().stream().sorted(Comparator.comparing(LeadQueue::name)).map(q -> new QueueEntry(q.id(), q.name(),
                q.description(), q.routing().strategy().label(),
                q.memberRepIds().stream().map(id -> emails.getOrDefault(id, String.valueOf(id))).sorted().toList())).toList();
    }

    private static OutOfOffice outOfOffice(Rep rep, Instant now) {
        return rep.outOfOfficeFrom() == null ? null : new OutOfOffice(rep.outOfOfficeFrom().toString(),
                rep.outOfOfficeUntil() == null ? null : rep.outOfOfficeUntil().toString(), rep.outOfOfficeAt(now));
    }
}
