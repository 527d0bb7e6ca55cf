package dev.leadline.server.console;

import dev.leadline.core.routing.AvailableNow;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Team page's values, in words: routing's own verdict on each rep and queue member. */
public final class TeamViews {
    private TeamViews() {}

    /** The page; {@code failed} is the rep whose availability form came back with problems (its values and problems). */
    public record TeamPage(List<RepRow> reps, List<QueueCard> queues, String message, boolean refused) {}

    /** A rep with routing's verdict; {@code from}/{@code until} the out-of-office dates as the form shows them. */
    public record RepRow(String key, String email, String name, String role, String queues, String status, boolean available,
                         String openLeads, boolean paused, String from, String until, String zone, Map<String, String> problems,
                         String capacity, String workingHours) {
        public String problem(String input) {
            return problems.getOrDefault(input, "");
        }

        public boolean invalid(String input) {
            return problems.containsKey(input);
        }
    }

    public record QueueCard(String name, String description, String strategy, String caps, String capped, String channels,
                            List<MemberRow> members) {
        /** The queue's settings page. */
        public String href() {
            return "/console/team/queues/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    public record MemberRow(String name, String email, int weight, String status, boolean available) {}

    /** A queue's settings as a form; {@code problems} by input name. */
    public record QueueForm(String name, String description, List<Choice> strategies, List<MemberChoice> members, List<CapInput> caps,
                            String capZone, List<Choice> fallbacks, String channels, Map<String, String> problems, String message,
                            boolean refused, String href) {
        public String problem(String input) {
            return problems.get(input);
        }
    }

    public record Choice(String value, String label, boolean selected) {}

    /** A rep as a possible member: checked when in the queue, with their weight and its problem, if any. */
    public record MemberChoice(String id, String email, String name, boolean member, String weight, String problem) {}

    public record CapInput(String name, String label, String value, String problem) {}

    /** What a rep's form came back with: the values sent and a problem per input. */
    record Failed(String email, boolean paused, String from, String until, Map<String, String> problems) {}

    static TeamPage page(List<Rep> reps, List<LeadQueue> queues, AvailableNow now, String message, boolean refused, Optional<Failed> failed) {
        List<RepRow> rows = new ArrayList<>();
        for (Rep rep : reps.stream().sorted(Comparator.comparing(Rep::email)).toList()) {
            Optional<Failed> mine = failed.filter(f -> f.email().equals(rep.email()));
            Optional<String> skipped = now.reps().getOrDefault(rep.id(), Optional.empty());
            int open = now.openLeads().getOrDefault(rep.id(), 0);
            rows.add(new RepRow("rep-" + rep.id(), rep.email(), rep.name(), rep.role().name().toLowerCase(Locale.ROOT),
                    queues.stream().filter(q -> q.memberRepIds().contains(rep.id())).map(LeadQueue::name).sorted().collect(Collectors.joining(", ")),
                    skipped.orElse("available now"), skipped.isEmpty(), open + (rep.capacity() == null ? "" : " of " + rep.capacity()),
                    mine.map(Failed::paused).orElse(rep.paused()),
                    mine.map(Failed::from).orElse(date(rep.outOfOfficeFrom(), rep)), mine.map(Failed::until).orElse(date(rep.outOfOfficeUntil(), rep)),
                    rep.timeZone().getId(), mine.map(Failed::problems).orElse(Map.of()),
                    rep.capacity() == null ? "" : rep.capacity().toString(), rep.workingHours() == null ? "" : rep.workingHours()));
        }
        Map<Long, Rep> byId = reps.stream().collect(Collectors.toMap(Rep::id, r -> r));
        List<QueueCard> cards = queues.stream().sorted(Comparator.comparing(LeadQueue::name)).map(q -> new QueueCard(q.name(),
                q.description() == null ? "" : q.description(), q.routing().strategy().label(), caps(q.routing().caps()),
                now.queues().getOrDefault(q.id(), Optional.empty()).map(c -> "The queue is " + c + ".").orElse(""),
                q.chatChannels().isEmpty() ? "none" : new java.util.TreeMap<>(q.chatChannels()).entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")),
                now.members().getOrDefault(q.id(), List.of()).stream().filter(m -> byId.containsKey(m.repId())).map(m -> new MemberRow(
                        byId.get(m.repId()).name(), byId.get(m.repId()).email(), m.weight(), m.skipped().orElse("available now"),
                        m.skipped().isEmpty())).toList())).toList();
        return new TeamPage(rows, cards, message, refused);
    }

    /** An out-of-office bound as the date input shows it, in the rep's time zone. */
    private static String date(Instant at, Rep rep) {
        return at == null ? "" : LocalDate.ofInstant(at, rep.timeZone()).toString();
    }

    private static String caps(QueueRouting.Caps caps) {
        if (!caps.any()) {
            return "none";
        }
        String member = per(caps.repDay(), caps.repWeek(), caps.repMonth());
        String queue = per(caps.day(), caps.week(), caps.month());
        return (member.isEmpty() ? "" : "each member " + member) + (member.isEmpty() || queue.isEmpty() ? "" : "; ")
                + (queue.isEmpty() ? "" : "the queue " + queue) + " (" + caps.zone().getId() + ")";
    }

    private static String per(Integer day, Integer week, Integer month) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(day).ifPresent(d -> parts.add(d + " a day"));
        Optional.ofNullable(week).ifPresent(w -> parts.add(w + " a week"));
        Optional.ofNullable(month).ifPresent(m -> parts.add(m + " a month"));
        return String.join(", ", parts);
    }
}
