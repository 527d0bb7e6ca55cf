package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A queue's and a rep's settings changed from the Team page (managers and admins): the page reads the
 * queue as {@code leadline.yml} would describe it, the form changes that description, and the team
 * service applies it with the same checks and audit as the file. A start with an unchanged file keeps
 * these changes (see {@code ConfigSections}).
 */
public final class QueuePages {
    private static final String[] CAPS = {"capRepDay", "capRepWeek", "capRepMonth", "capDay", "capWeek", "capMonth"};
    private static final String[] CAP_LABELS = {"Per rep, a day", "Per rep, a week", "Per rep, a month", "Whole queue, a day",
        "Whole queue, a week", "Whole queue, a month"};
    private final TeamService team;
    private final TeamPages teamPage;

    public QueuePages(TeamService team, TeamPages teamPage) {
        this.team = team;
        this.teamPage = teamPage;
    }

    public void queue(Context ctx) {
        ConsoleAccess.Active me = manager(ctx);
        LeadQueue queue = queue(ctx.pathParam("queue"));
        render(ctx, 200, me, view(team.describe(queue), Map.of(), "saved".equals(ctx.queryParam("done")) ? "Saved " + queue.name() + "." : "", false));
    }

    /** Saves the queue's form: {@code 422} with a problem per input, or the core's own problems, when it does not fit. */
    public void saveQueue(Context ctx) {
        ConsoleAccess.Active me = manager(ctx);
        LeadQueue queue = queue(ctx.pathParam("queue"));
        Map<String, String> problems = new LinkedHashMap<>();
        QueueSpec spec = spec(ctx, team.describe(queue), problems);
        if (problems.isEmpty()) {
            try {
                team.apply(List.of(), List.of(spec), me.acting().actor());
            } catch (ValidationException e) {
                for (FieldError error : e.errors()) {
                    problems.put(input(error.field()), error.message());
                }
            }
        }
        if (!problems.isEmpty()) {
            render(ctx, 422, me, view(spec, problems, "Not saved: " + problems.entrySet().stream().map(p -> words(p.getKey()) + " " + p.getValue())
                    .collect(Collectors.joining("; ")) + ".", true));
        } else {
            ctx.redirect("/console/team/queues/" + URLEncoder.encode(queue.name(), StandardCharsets.UTF_8).replace("+", "%20") + "?done=saved",
                    HttpStatus.SEE_OTHER);
        }
    }

    /** A rep's capacity (most open leads at once; empty: no limit) and working hours. */
    public void saveRep(Context ctx) {
        ConsoleAccess.Active me = manager(ctx);
        Rep rep = team.repByEmail(ctx.pathParam("rep")).orElseThrow(() -> new NotFoundException("rep", ctx.pathParam("rep")));
        Map<String, String> problems = new LinkedHashMap<>();
        Integer capacity = number(ctx.formParam("capacity"), "capacity", problems, 1, 10_000);
        String hours = Optional.ofNullable(ctx.formParam("workingHours")).map(String::strip).filter(h -> !h.isEmpty()).orElse(null);
        RepSpec now = team.describe(rep);
        RepSpec changed = new RepSpec(now.email(), now.name(), now.timeZone(), hours, capacity, now.active(), now.role(), now.chatIdentities());
        if (problems.isEmpty()) {
            try {
                team.apply(List.of(changed), List.of(), me.acting().actor());
            } catch (ValidationException e) {
                e.errors().forEach(error -> problems.put(input(error.field()), error.message()));
            }
        }
        if (!problems.isEmpty()) {
            teamPage.notSaved(ctx, me, "Not saved for " + rep.name() + ": " + problems.entrySet().stream()
                    .map(p -> words(p.getKey()) + " " + p.getValue()).collect(Collectors.joining("; ")) + ".");
            return;
        }
        ctx.redirect("/console/team?done=" + URLEncoder.encode(rep.email(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    /** The description with the form's values in place of the queue's. */
    private QueueSpec spec(Context ctx, QueueSpec now, Map<String, String> problems) {
        List<String> members = ctx.formParams("member").stream().map(String::strip).filter(m -> !m.isEmpty()).distinct().toList();
        Map<String, Integer> weights = new TreeMap<>();
        for (String member : members) {
            Integer weight = number(ctx.formParam("weight." + member), "weight." + member, problems, 0, 1000);
            if (weight != null) {
                weights.put(member, weight);
            }
        }
        Integer[] caps = new Integer[CAPS.length];
        for (int i = 0; i < CAPS.length; i++) {
            caps[i] = number(ctx.formParam(CAPS[i]), CAPS[i], problems, 1, 1_000_000);
        }
        String zone = Optional.ofNullable(ctx.formParam("capZone")).map(String::strip).filter(z -> !z.isEmpty()).orElse(null);
        boolean anyCap = java.util.Arrays.stream(caps).anyMatch(java.util.Objects::nonNull);
        capZoneProblem(zone, anyCap).ifPresent(problem -> problems.put("capZone", problem));
        QueueSpec.CapsSpec capsSpec = !anyCap && zone == null ? null : new QueueSpec.CapsSpec(new QueueSpec.Limits(caps[0], caps[1], caps[2]),
                new QueueSpec.Limits(caps[3], caps[4], caps[5]), zone);
        String fallback = Optional.ofNullable(ctx.formParam("fallback")).map(String::strip).orElse("hold");
        QueueSpec.FallbackSpec fallbackSpec = fallback.startsWith("queue:") ? new QueueSpec.FallbackSpec(fallback.substring(6), null, null)
                : fallback.startsWith("rep:") ? new QueueSpec.FallbackSpec(null, fallback.substring(4), null) : null;
        if (fallbackSpec == null && !fallback.equals("hold")) {
            problems.put("fallback", "'" + fallback + "' is not one of the choices: hold in the queue, another queue or a rep");
        }
        Map<String, String> channels = channels(Optional.ofNullable(ctx.formParam("channels")).orElse(""), problems);
        String description = Optional.ofNullable(ctx.formParam("description")).map(String::strip).filter(d -> !d.isEmpty()).orElse(null);
        if (description != null && description.length() > 500) {
            problems.put("description", "must be at most 500 characters");
        }
        return new QueueSpec(now.name(), description, members, channels, Optional.ofNullable(ctx.formParam("strategy")).orElse(now.strategy()),
                weights, capsSpec, fallbackSpec);
    }

    /**
     * The caps' time zone must be a zone, and counts only with a cap: a zone without caps would be dropped
     * with them, so it is refused rather than forgotten.
     */
    private static Optional<String> capZoneProblem(String zone, boolean anyCap) {
        if (zone == null) {
            return Optional.empty();
        }
        try {
            java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return Optional.of("'" + zone + "' is not a time zone (e.g. Europe/Berlin)");
        }
        return anyCap ? Optional.empty() : Optional.of("counts days and weeks of a cap: set a cap, or leave the time zone empty");
    }

    /** {@code platform: channel}, one per line. */
    private static Map<String, String> channels(String text, Map<String, String> problems) {
        Map<String, String> channels = new TreeMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(colon + 1).isBlank()) {
                problems.put("channels", "write each as platform: channel, e.g. slack: C0123ABC ('" + line.strip() + "' is not)");
                continue;
            }
            channels.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
        }
        return channels;
    }

    private static Integer number(String text, String input, Map<String, String> problems, int min, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                problems.put(input, "must be from " + min + " to " + max);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.put(input, "'" + text.strip() + "' is not a whole number");
            return null;
        }
    }

    /** Core names a problem as in the file ({@code queues[0].weights.ana@example.com}); the form names its input. */
    private static String input(String field) {
        String name = field.replaceFirst("^(queues|reps)\\[\\d+]\\.?", "");
        if (name.equals("caps.timeZone")) {
            return "capZone";
        }
        return name.isEmpty() ? "queue" : name.startsWith("fallback") ? "fallback" : name;
    }

    private static String words(String input) {
        int cap = java.util.Arrays.asList(CAPS).indexOf(input);
        if (cap >= 0) {
            return "Cap " + CAP_LABELS[cap].toLowerCase(java.util.Locale.ROOT) + ":";
        }
        return input.startsWith("weight.") ? "Weight of " + input.substring(7) : Views.words(input.replace('.', ' ').strip());
    }

    private TeamViews.QueueForm view(QueueSpec spec, Map<String, String> problems, String message, boolean refused) {
        List<TeamViews.MemberChoice> choices = new ArrayList<>();
        for (Rep rep : team.reps().stream().sorted(Comparator.comparing(Rep::email)).toList()) {
            choices.add(new TeamViews.MemberChoice("member-" + rep.id(), rep.email(), rep.name(), spec.members().contains(rep.email()),
                    String.valueOf(spec.weights().getOrDefault(rep.email(), QueueRouting.DEFAULT_WEIGHT)), problems.get("weight." + rep.email())));
        }
        QueueSpec.CapsSpec caps = spec.caps();
        String[] capValues = caps == null ? new String[6] : new String[] {text(caps.perRep() == null ? null : caps.perRep().day()),
                text(caps.perRep() == null ? null : caps.perRep().week()), text(caps.perRep() == null ? null : caps.perRep().month()),
                text(caps.total() == null ? null : caps.total().day()), text(caps.total() == null ? null : caps.total().week()),
                text(caps.total() == null ? null : caps.total().month())};
        List<TeamViews.Choice> fallbacks = new ArrayList<>();
        String current = spec.fallback() == null ? "hold" : spec.fallback().queue() != null ? "queue:" + spec.fallback().queue()
                : spec.fallback().rep() != null ? "rep:" + spec.fallback().rep() : "hold";
        fallbacks.add(new TeamViews.Choice("hold", "Hold in the queue and alert the managers", current.equals("hold")));
        team.queues().stream().filter(q -> !q.name().equals(spec.name())).sorted(Comparator.comparing(LeadQueue::name))
                .forEach(q -> fallbacks.add(new TeamViews.Choice("queue:" + q.name(), "Queue " + q.name(), current.equals("queue:" + q.name()))));
        team.reps().stream().sorted(Comparator.comparing(Rep::email))
                .forEach(r -> fallbacks.add(new TeamViews.Choice("rep:" + r.email(), "Rep " + r.name(), current.equals("rep:" + r.email()))));
        List<TeamViews.Choice> strategies = java.util.Arrays.stream(QueueRouting.Strategy.values())
                .map(s -> new TeamViews.Choice(s.label(), s.label(), s.label().equals(spec.strategy()))).toList();
        String channels = spec.channels().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        List<TeamViews.CapInput> capInputs = new ArrayList<>();
        for (int i = 0; i < CAPS.length; i++) {
            capInputs.add(new TeamViews.CapInput(CAPS[i], CAP_LABELS[i], capValues[i] == null ? "" : capValues[i], problems.get(CAPS[i])));
        }
        return new TeamViews.QueueForm(spec.name(), spec.description() == null ? "" : spec.description(), strategies, choices, capInputs,
                caps == null || caps.timeZone() == null ? "" : caps.timeZone(), fallbacks, channels, problems, message, refused,
                "/console/team/queues/" + URLEncoder.encode(spec.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }

    private LeadQueue queue(String name) {
        return team.queueByName(name).orElseThrow(() -> new NotFoundException("queue", name));
    }

    private static ConsoleAccess.Active manager(Context ctx) {
        return TeamPages.manager(ctx);
    }

    private static void render(Context ctx, int status, ConsoleAccess.Active me, TeamViews.QueueForm form) {
        ctx.status(status).render("queue.jte", Map.of("me", ConsolePages.me(me), "queue", form));
    }
}
