package dev.leadline.core.nurture;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.team.WorkingHours;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps that are due: an email is recorded for {@link NurtureMail} to send (inside the
 * cadence's send window in the lead's time zone, never to a suppressed or Do-Not-Email address), a task
 * goes to the owner, a nudge to the owner in chat, a wait sets when the next step is due (business days
 * when the window has days), and a branch sends the lead back to routing or out of its cadence. A lead
 * runs its steps until one makes it wait; after the last it leaves its cadence. Each lead's steps and
 * its new place commit together, so a run cut short repeats nothing.
 */
public final class NurtureRunner {
    private static final Logger log = LoggerFactory.getLogger(NurtureRunner.class);
    /** A lead whose step failed is tried again this much later. */
    static final Duration RETRY_FAILED_STEP = Duration.ofHours(1);
    /** The custom fields that mean "do not email" (compared without case, spaces, dashes or underscores), as CSV exports name them. */
    private static final Set<String> DO_NOT_EMAIL = Set.of("donotemail", "emailoptout", "hasoptedoutofemail");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Drafts offered in this thread's run that a drafter plugin is to rewrite once the run has committed. */
    private final ThreadLocal<List<Map.Entry<Long, String>>> redrafts = ThreadLocal.withInitial(java.util.ArrayList::new);

    private final Transactor transactor;
    private final LeadRepository leads;
    private final CadenceService cadences;
    private final NurtureRepository nurtures;
    private final NurtureService nurture;
    private final NurtureEmails emails;
    private final Suppressions suppressions;
    private final MergeTemplates templates;
    private final ScheduleRepository schedule;
    private final ActivityRepository timeline;
    private final TeamService team;
    private final AccountMatching accounts;
    private final Recycler recycler;
    private final NurtureDrafts drafts;
    private final CardAnnouncer cards;
    private final Outbox outbox;
    private final Optional<String> sender;
    private final Clock clock;

    /** {@code sender}: the address emails go from on the owner's behalf ({@code LEADLINE_SMTP_FROM}); without it, the owner's own. */
    public NurtureRunner(Transactor transactor, LeadRepository leads, CadenceService cadences, NurtureRepository nurtures, NurtureService nurture,
                         NurtureEmails emails, Suppressions suppressions, MergeTemplates templates, ScheduleRepository schedule,
                         ActivityRepository timeline, TeamService team, AccountMatching accounts, Recycler recycler, NurtureDrafts drafts,
                         CardAnnouncer cards, Outbox outbox, Optional<String> sender, Clock clock) {
        this.drafts = drafts;
        this.transactor = transactor;
        this.leads = leads;
        this.cadences = cadences;
        this.nurtures = nurtures;
        this.nurture = nurture;
        this.emails = emails;
        this.suppressions = suppressions;
        this.templates = templates;
        this.schedule = schedule;
        this.timeline = timeline;
        this.team = team;
        this.accounts = accounts;
        this.recycler = recycler;
        this.cards = cards;
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Sends back to sales the leads whose score reached their cadence's {@code recycleScore}, whatever step
     * they are at (at most {@code limit} a call); returns how many.
     */
    public int recycleWarm(int limit) {
        Instant now = clock.instant();
        int recycled = transactor.inTransaction(() -> {
            int count = 0;
            for (Cadence cadence : cadences.all()) {
                if (cadence.recycleScore() == null || count >= limit) {
                    continue;
                }
                List<Nurture> warm = nurtures.scoringAtLeastForUpdate(cadence.name(), cadence.recycleScore(), limit - count);
                for (Lead lead : leads.findAll(warm.stream().map(Nurture::lead).toList())) {
                    recycler.recycle(lead, "score " + lead.score() + " reached " + cadence.recycleScore() + " (cadence " + cadence.name() + ")", now);
                    count++;
                }
            }
            return count;
        });
        if (recycled > 0) {
            recycler.committed();
        }
        return recycled;
    }

    /** Runs the due steps of at most {@code limit} leads, in one transaction; returns how many leads it took. */
    public int run(int limit) {
        Instant now = clock.instant();
        Map<String, Optional<Cadence>> known = new HashMap<>();
        int[] recycled = {0};
        int taken = transactor.inTransaction(() -> {
            // a deadlock retry runs this again: only the committed attempt's drafts are redrafted
            redrafts.get().clear();
            recycled[0] = 0;
            List<Nurture> due = nurtures.dueForUpdate(now, limit);
            if (due.isEmpty()) {
                return 0;
            }
            Map<LeadId, Lead> found = leads.findAll(due.stream().map(Nurture::lead).toList()).stream()
                    .collect(Collectors.toMap(Lead::id, Function.identity()));
            for (Nurture n : due) {
                Lead lead = found.get(n.lead());
                try {
                    // a savepoint: one lead's failure undoes its own steps only
                    boolean back = transactor.inTransaction(() -> runSteps(n, lead, known.computeIfAbsent(n.cadence(), cadences::find), now));
                    recycled[0] += back ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("the cadence step {} of {} failed; it is tried again in an hour: {}", n.step(), n.lead(), e.toString(), e);
                    nurtures.advance(n.lead(), n.step(), now.plus(RETRY_FAILED_STEP));
                }
            }
            return due.size();
        });
        if (recycled[0] > 0) {
            recycler.committed();
        }
        // drafters take seconds: they write after the steps have committed (the owner has the template's draft meanwhile)
        List<Map.Entry<Long, String>> toRedraft = List.copyOf(redrafts.get());
        redrafts.get().clear();
        for (Map.Entry<Long, String> redraft : toRedraft) {
            try {
                drafts.redraft(redraft.getKey(), redraft.getValue());
            } catch (RuntimeException e) {
                log.warn("redrafting nurture email {} with {} failed; the template's draft stands: {}", redraft.getKey(), redraft.getValue(), e.toString());
            }
        }
        return taken;
    }

    /** Runs the lead's steps from its current one until one makes it wait or it leaves; true when it went back to routing. */
    private boolean runSteps(Nurture n, Lead lead, Optional<Cadence> found, Instant now) {
        if (lead == null || lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.MERGED) {
            nurture.exit(n.lead(), Recycler.ACTOR, lead == null ? "the lead is gone" : "the lead is " + lead.status().inWords(), now);
            return false;
        }
        if (found.isEmpty()) {
            nurture.exit(n.lead(), Recycler.ACTOR, "cadence " + n.cadence() + " no longer exists", now);
            return false;
        }
        Cadence cadence = found.get();
        Optional<Rep> owner = Optional.ofNullable(lead.ownerRepId()).or(() -> Optional.ofNullable(n.senderRepId())).flatMap(team::rep);
        ZoneId zone = zoneOf(lead, owner);
        Map<String, Object> fields = MergeFields.of(lead, owner, accounts.stored(lead.id()));
        int step = n.step();
        while (step < cadence.steps().size()) {
            Step s = cadence.steps().get(step);
            if (s instanceof Step.Wait wait) {
                nurtures.advance(n.lead(), step + 1, waitUntil(wait, cadence.sendWindow(), now, zone));
                return false;
            }
            if (s instanceof Step.Email email) {
                Instant open = cadence.sendWindow().nextWorking(now, zone);
                if (open.isAfter(now)) {
                    nurtures.advance(n.lead(), step, open);
                    return false;
                }
                if (!email(n, lead, cadence, step, email, owner, fields, now)) {
                    return false;
                }
            } else if (s instanceof Step.Task task) {
                task(lead, cadence, task, owner, fields, zone, now);
            } else if (s instanceof Step.Chat chat) {
                nudge(lead, cadence, chat, owner, fields, now);
            } else if (s instanceof Step.Branch branch && holds(branch.when(), lead)) {
                String why = "cadence " + cadence.name() + " step " + (step + 1) + ": " + describe(branch.when(), lead);
                if (branch.then().equals("recycle")) {
                    recycler.recycle(lead, why, now);
                    return true;
                }
                nurture.exit(n.lead(), Recycler.ACTOR, why, now);
                return false;
            }
            step++;
        }
        nurture.finish(n.lead(), now);
        return false;
    }

    /** Records the step's email (or its draft, for approval); false when the lead now waits for its owner to approve the draft. */
    private boolean email(Nurture n, Lead lead, Cadence cadence, int step, Step.Email email, Optional<Rep> owner, Map<String, Object> fields,
                          Instant now) {
        Optional<NurtureEmail> drafted = email.approval() ? emails.ofStep(lead.id(), n.enrolledAt(), step) : Optional.empty();
        if (drafted.isPresent()) {
            // due again while its draft waits: nobody answered in time
            if (drafted.get().state() == NurtureEmail.State.DRAFT) {
                drafts.expire(drafted.get(), now);
            }
            return true;
        }
        Optional<String> to = lead.data().get(LeadField.EMAIL).map(a -> a.strip().toLowerCase(Locale.ROOT));
        Optional<String> unsendable = to.isEmpty() ? Optional.of("the lead has no email address")
                : doNotEmail(lead) ? Optional.of("the lead is marked Do Not Email")
                : !suppressions.suppressed(List.of(to.get())).isEmpty() ? Optional.of(to.get() + " is on the suppression list")
                : owner.isEmpty() && (sender.isEmpty() || email.approval()) ? Optional.of("the lead has no owner to send as")
                : Optional.empty();
        if (unsendable.isPresent()) {
            note(lead.id(), ActivityType.EMAIL_SENT, "Email of cadence " + cadence.name() + " not sent: " + unsendable.get(), now);
            return true;
        }
        String from = sender.orElseGet(() -> owner.get().email());
        NurtureEmail recorded = new NurtureEmail(0, lead.id(), cadence.name(), step, n.enrolledAt(), owner.map(Rep::id).orElse(null), from,
                owner.map(Rep::name).orElse(null), to.get(), oneLine(templates.render(email.subject(), fields, false)),
                templates.render(email.body(), fields, false), paragraphs(templates.render(email.body(), fields, true)),
                "<" + UUID.randomUUID() + "@" + from.substring(from.lastIndexOf('@') + 1) + ">", token(),
                email.approval() ? NurtureEmail.State.DRAFT : NurtureEmail.State.QUEUED, 0,
                email.approval() ? now.plus(email.expires()) : now, now, null, null);
        emails.record(recorded);
        if (!email.approval()) {
            return true;
        }
        NurtureEmail draft = emails.ofStep(lead.id(), n.enrolledAt(), step).orElseThrow();
        drafts.offer(draft, lead, now);
        if (email.drafter() != null) {
            redrafts.get().add(Map.entry(draft.id(), email.drafter()));
        }
        nurtures.advance(n.lead(), step, draft.nextTryAt());
        return false;
    }

    /** Text already escaped for HTML as paragraphs: a blank line starts one, a line break stays one. */
    static String paragraphs(String escaped) {
        return "<p>" + escaped.replace("\r\n", "\n").replace("\n\n", "</p>\n<p>").replace("\n", "<br>\n") + "</p>";
    }

    private void task(Lead lead, Cadence cadence, Step.Task task, Optional<Rep> owner, Map<String, Object> fields, ZoneId zone, Instant now) {
        if (owner.isEmpty()) {
            note(lead.id(), ActivityType.NURTURE, "Task of cadence " + cadence.name() + " not made: the lead has no owner", now);
            return;
        }
        String title = oneLine(templates.render(task.title(), fields, false));
        title = title.length() > 255 ? title.substring(0, 255) : title;
        Instant due = cadence.sendWindow().plusWorkingDays(now, task.dueDays(), zone);
        schedule.insertTask(lead.id(), owner.get().id(), title, due, now);
        note(lead.id(), ActivityType.TASK_CREATED, "Task for " + owner.get().name() + " from cadence " + cadence.name() + ": " + title, now);
    }

    private void nudge(Lead lead, Cadence cadence, Step.Chat chat, Optional<Rep> owner, Map<String, Object> fields, Instant now) {
        if (owner.isEmpty()) {
            note(lead.id(), ActivityType.NURTURE, "Chat nudge of cadence " + cadence.name() + " not sent: the lead has no owner", now);
            return;
        }
        String text = templates.render(chat.text(), fields, false).strip();
        outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(),
                CardAnnouncer.cardKey(lead) + ":nurture-" + now.toEpochMilli(), Destination.rep(owner.get().id()), cards.card(lead, text), 0, now)),
                now);
        note(lead.id(), ActivityType.NURTURE, "Nudged " + owner.get().name() + " in chat (cadence " + cadence.name() + "): " + text, now);
    }

    private void note(LeadId lead, ActivityType type, String summary, Instant at) {
        timeline.appendAll(List.of(new Activity(lead, type, Recycler.ACTOR, at, summary)));
    }

    private static Instant waitUntil(Step.Wait wait, WorkingHours window, Instant now, ZoneId zone) {
        return wait.hours() ? now.plus(Duration.ofHours(wait.amount())) : window.plusWorkingDays(now, wait.amount(), zone);
    }

    /**
     * The lead's time zone: its own {@code timeZone} custom field when that names one (e.g. {@code Europe/Paris}),
     * else its owner's, else UTC.
     */
    static ZoneId zoneOf(Lead lead, Optional<Rep> owner) {
        for (Map.Entry<String, String> custom : lead.data().customFields().entrySet()) {
            if (squeezed(custom.getKey()).equals("timezone")) {
                try {
                    return ZoneId.of(custom.getValue().strip());
                } catch (DateTimeException e) {
                    break;
                }
            }
        }
        return owner.map(Rep::timeZone).orElse(ZoneOffset.UTC);
    }

    /** Whether a custom field such as {@code Do Not Email} (the X Education export), {@code doNotEmail} or {@code HasOptedOutOfEmail} says yes. */
    static boolean doNotEmail(Lead lead) {
        return lead.data().customFields().entrySet().stream().anyMatch(f -> DO_NOT_EMAIL.contains(squeezed(f.getKey()))
                && Set.of("yes", "y", "true", "1").contains(f.getValue().strip().toLowerCase(Locale.ROOT)));
    }

    private static String squeezed(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    static boolean holds(Step.Condition when, Lead lead) {
        String actual = valueOf(when.field(), lead);
        switch (when.op()) {
            case "empty": return actual == null || actual.isBlank();
            case "not-empty": return actual != null && !actual.isBlank();
            default: break;
        }
        if (actual == null || actual.isBlank()) {
            return when.op().equals("ne");
        }
        int compared = compare(actual.strip(), when.value().strip());
        switch (when.op()) {
            case "eq": return compared == 0;
            case "ne": return compared != 0;
            case "gt": return compared > 0;
            case "ge": return compared >= 0;
            case "lt": return compared < 0;
            case "le": return compared <= 0;
            default: throw new IllegalStateException("no operator " + when.op());
        }
    }

    private static String describe(Step.Condition when, Lead lead) {
        String actual = valueOf(when.field(), lead);
        return when.field() + " " + (actual == null || actual.isBlank() ? "empty" : actual) + " (" + when.op()
                + (when.value() == null ? "" : " " + when.value()) + ")";
    }

    private static String valueOf(String field, Lead lead) {
        if (field.equals("score")) {
            return lead.score() == null ? null : lead.score().toString();
        }
        Optional<LeadField> standard = java.util.Arrays.stream(LeadField.values()).filter(f -> f.jsonName().equals(field)).findFirst();
        return standard.map(f -> lead.data().getOrNull(f)).orElseGet(() -> lead.data().customFields().get(field));
    }

    /** Numbers as numbers, anything else as text without case. */
    private static int compare(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareToIgnoreCase(b);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
