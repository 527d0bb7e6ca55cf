package dev.leadline.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.leadline.core.notify.DailyDigest;
import dev.leadline.core.notify.MeetingReminders;
import dev.leadline.core.sla.SlaSweep;
import dev.leadline.db.JooqRollups;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent recurring jobs (db-scheduler on MariaDB): every node runs the scheduler, each run of a
 * job happens on exactly one of them, and a job cut short by a crash runs again after restart.
 * Closing lets the runs in hand finish, for at most 10 s.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private final Scheduler scheduler;

    private Jobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static Jobs start(DataSource dataSource, SlaSweep sla, MeetingReminders reminders, DailyDigest digest,
                             dev.leadline.core.notify.WeeklySummary weekly, JooqRollups rollups,
                             io.micrometer.core.instrument.MeterRegistry meters, Nurturing nurturing, Booking booking,
                             dev.leadline.server.integrations.CrmPull crmPull, Duration crmPullEvery,
                             java.util.function.IntSupplier integrationPurge) {
        RecurringTask<Void> slaSweep = Tasks.recurring("sla-sweep", FixedDelay.ofSeconds(15))
                .execute((instance, context) -> {
                    int steps = sla.run(500);
                    if (steps > 0) {
                        log.info("SLA sweep took {} step(s)", steps);
                    }
                });
        RecurringTask<Void> meetingReminders = Tasks.recurring("meeting-reminders", FixedDelay.ofSeconds(30))
                .execute((instance, context) -> reminders.run());
        RecurringTask<Void> dailyDigest = Tasks.recurring("daily-digest", FixedDelay.ofMinutes(5))
                .execute((instance, context) -> {
                    digest.run();
                    weekly.run();
                });
        RecurringTask<Void> reportFold = Tasks.recurring("report-fold", FixedDelay.ofSeconds(5))
                .execute((instance, context) -> {
                    long folded = rollups.foldAll(1000);
                    if (folded > 0) {
                        log.debug("folded {} tally change(s) into the report sums", folded);
                    }
                });
        RecurringTask<Void> nurtureSteps = Tasks.recurring("nurture-steps", FixedDelay.ofSeconds(5))
                .execute((instance, context) -> nurturing.run());
        RecurringTask<Void> nurtureInbox = Tasks.recurring("nurture-inbox", FixedDelay.ofSeconds(60))
                .execute((instance, context) -> nurturing.inbox().ifPresent(dev.leadline.server.mail.ImapInbox::poll));
        RecurringTask<Void> bookingWork = Tasks.recurring("booking", FixedDelay.ofSeconds(5))
                .execute((instance, context) -> booking.run());
        RecurringTask<Void> crmChanges = Tasks.recurring("crm-pull", FixedDelay.of(crmPullEvery))
                .execute((instance, context) -> {
                    int applied = crmPull.run();
                    if (applied > 0) {
                        log.info("applied {} change(s) made in CRMs", applied);
                    }
                });
        RecurringTask<Void> integrationsPurge = Tasks.recurring("integration-purge", FixedDelay.ofHours(1))
                .execute((instance, context) -> {
                    int gone = integrationPurge.getAsInt();
                    if (gone > 0) {
                        log.info("forgot {} integration deliveries and events older than 30 days", gone);
                    }
                });
        java.util.List<RecurringTask<Void>> tasks = java.util.List.of(slaSweep, meetingReminders, dailyDigest, reportFold, nurtureSteps, nurtureInbox,
                bookingWork, crmChanges, integrationsPurge);
        Scheduler scheduler = Scheduler.create(dataSource)
                .startTasks(tasks)
                // dbscheduler_task_completions_total{task,result} and dbscheduler_task_duration_seconds at /metrics
                .statsRegistry(new com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry(meters,
                        java.util.List.copyOf(tasks)))
                .threads(2)
                .pollingInterval(Duration.ofSeconds(5))
                // a run whose node died (no heartbeat for 20 s) is taken over by another node, not after db-scheduler's 30 minutes
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(4)
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .build();
        scheduler.start();
        return new Jobs(scheduler);
    }

    /**
     * Booking's work: hand-offs nobody took in time, alerts for visitors who did not book in time, and the
     * invitations to send (a batch at a time, for at most 50 s).
     */
    public record Booking(dev.leadline.core.booking.BookingService service, dev.leadline.server.booking.BookingMail mail,
                          dev.leadline.core.booking.Handoffs handoffs) {
        static final int BATCH = 100;

        void run() {
            int expired = handoffs.expire(BATCH);
            if (expired > 0) {
                log.info("withdrew {} hand-off(s) nobody took in time", expired);
            }
            int alerted = service.alertUnbooked(BATCH);
            if (alerted > 0) {
                log.info("told the owners of {} lead(s) whose visitor did not book", alerted);
            }
            long until = System.nanoTime() + 50_000_000_000L;
            while (mail.deliver(BATCH) == BATCH && System.nanoTime() < until) {
                // the next batch
            }
        }
    }

    /**
     * The nurture cadences' work: due steps (a batch at a time while batches come back full, for at most 50 s
     * a run), then the emails they recorded (the same way); and the mailbox of replies and bounces, when one is set.
     */
    public record Nurturing(dev.leadline.core.nurture.NurtureRunner steps, dev.leadline.core.nurture.NurtureMail mail,
                            java.util.Optional<dev.leadline.server.mail.ImapInbox> inbox) {
        static final int BATCH = 500;

        void run() {
            // steps and sending each keep going while they find full batches, each for at most 50 s a run
            long stepsUntil = System.nanoTime() + 50_000_000_000L;
            steps.recycleWarm(BATCH);
            int taken;
            do {
                taken = steps.run(BATCH);
            } while (taken == BATCH && System.nanoTime() < stepsUntil);
            long mailUntil = System.nanoTime() + 50_000_000_000L;
            dev.leadline.core.nurture.NurtureMail.Delivered delivered;
            do {
                delivered = mail.deliver(BATCH);
            } while (delivered.taken() == BATCH && System.nanoTime() < mailUntil);
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
