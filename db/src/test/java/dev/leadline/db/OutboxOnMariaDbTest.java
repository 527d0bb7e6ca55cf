package dev.leadline.db;

import dev.leadline.core.notify.CardAction;
import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.MutableClock;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications are written with the change, delivered at least once, and edit their card in place. */
class OutboxOnMariaDbTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestDesk desk;
    private Rep jane;
    private Rep mia;
    private RecordingNotifier chat;

    @BeforeEach
    void setUp() {
        desk = new TestDesk(clock);
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"))), Actor.cli("test"));
        jane = desk.team.repByEmail("jane@example.com").orElseThrow();
        mia = desk.team.repByEmail("mia@example.com").orElseThrow();
        chat = new RecordingNotifier();
    }

    @AfterEach
    void tearDown() {
        desk.close();
    }

    @Test
    void anOfferIsPostedToTheQueueAndTheClaimEditsThatSamePostAndGivesTheOwnerTheirOwnCopy() {
        Lead lead = newLead();
        Destination inbound = Destination.queue(desk.team.queueByName("Inbound").orElseThrow().id());
        desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
        dispatcher().dispatchDue(50);
        desk.claims.claim(lead.id(), jane);
        dispatcher().dispatchDue(50);

        assertThat(chat.posts).extracting(RecordingNotifier.Post::destination).containsExactly(inbound, Destination.rep(jane.id()));
        assertThat(chat.posts.get(0).card().actions()).extracting(CardAction::wire).containsExactly("claim");
        Card edited = chat.updates.get(chat.updates.size() - 1).card();
        assertThat(chat.updates).allSatisfy(u -> assertThat(u.where().ref()).isEqualTo("msg-1"));
        assertThat(edited.status()).startsWith("Claimed by Jane Rivera after");
        assertThat(edited.actions()).as("the channel's copy: nothing anyone there may do any more").isEmpty();
        assertThat(chat.posts.get(1).card().actions()).extracting(CardAction::wire).as("Jane's own copy")
                .contains("qualify", "disqualify", "release").doesNotContain("claim");
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
    }

    @Test
    void aFailedTransactionLeavesNoNotificationBehind() {
        Lead lead = newLead();
        try {
            new JooqTransactor(desk.database.dsl()).inTransaction(() -> {
                desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the offer rolled back with it
        }
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
    }

    @Test
    void retryAfterIsHonouredAndNothingIsLostOrSentTwice() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, "VIP");
        chat.nextPosts.add(new Notifier.Delivery.RetryLater(Duration.ofSeconds(30), "429 rate limited"));
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).hasSize(1);
        assertThat(desk.outbox.withStatus("PENDING")).isNotEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(dispatcher().dispatchDue(50)).as("not before Retry-After").isZero();
        clock.advance(Duration.ofSeconds(25));
        dispatcher().dispatchDue(50);

        assertThat(chat.posts).hasSize(2);
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
        assertThat(desk.outbox.withStatus("DELIVERED")).isNotEmpty();
    }

    @Test
    void whatHasBeenDueLongestGoesOutFirstAndARetryDoesNotJumpTheQueue() {
        Lead refused = newLead();
        desk.claims.assign(refused.id(), mia, jane, null);
        chat.nextPosts.add(new Notifier.Delivery.RetryLater(Duration.ofSeconds(30), "429 rate limited"));
        dispatcher().dispatchDue(50);
        clock.advance(Duration.ofSeconds(10));
        Lead waiting = newLead();
        desk.claims.assign(waiting.id(), mia, jane, null);
        clock.advance(Duration.ofSeconds(40)); // the new card has been due for 40 s, the retry for 10 s

        dispatcher().dispatchDue(1);
        assertThat(chat.posts.get(chat.posts.size() - 1).card().leadId()).isEqualTo(waiting.id().toString());
        dispatcher().dispatchDue(1);
        assertThat(chat.posts.get(chat.posts.size() - 1).card().leadId()).isEqualTo(refused.id().toString());
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
    }

    @Test
    void takingTheNextBatchReadsThatBatchNotTheWholeBacklog() {
        List<Notification> backlog = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            backlog.add(new Notification(0, Notification.Kind.POST, 1L, "lead:" + i, Destination.rep(jane.id()),
                    new Card("L-" + i, "L-" + i, null, "New", List.of(), List.of()), 0, clock.instant()));
        }
        desk.outbox.enqueue(backlog, clock.instant().minusSeconds(60));
        var dsl = desk.database.dsl();
        long indexRowsRead = new JooqTransactor(dsl).inTransaction(() -> {
            long before = indexReads(dsl);
            assertThat(desk.outbox.lease(clock.instant(), clock.instant().plus(Duration.ofSeconds(15)), 25)).hasSize(25);
            return indexReads(dsl) - before;
        });
        assertThat(indexRowsRead).as("rows read by the lease out of 2,000 waiting").isLessThan(200);
    }

    private static long indexReads(org.jooq.DSLContext dsl) {
        return Long.parseLong(dsl.fetchOne("show session status like 'Handler_read_next'").get(1, String.class));
    }

    @Test
    void twoDispatchersNeverDeliverTheSameNotification() {
        for (int i = 0; i < 20; i++) {
            desk.claims.assign(newLead().id(), mia, jane, null);
        }
        OutboxDispatcher first = dispatcher();
        OutboxDispatcher second = dispatcher();
        int a = first.dispatchDue(15);
        int b = second.dispatchDue(50);
        assertThat(a + b).as("one post per lead assigned for the first time: it has no other copies to edit").isEqualTo(20);
        assertThat(chat.posts).hasSize(20);
    }

    @Test
    void aRepIsRemindedOnceFifteenMinutesBeforeEachMeetingAndAgainIfItMoves() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, null);
        var booked = (dev.leadline.core.scheduling.ScheduleOutcome.Done<dev.leadline.core.scheduling.Meeting>) desk.scheduling.book(
                lead.id(), jane, clock.instant().plus(Duration.ofMinutes(40)), Duration.ofMinutes(30), "Demo", List.of());
        var reminders = new dev.leadline.core.notify.MeetingReminders(new JooqTransactor(desk.database.dsl()), desk.schedule, desk.leads,
                new dev.leadline.core.notify.CardAnnouncer(desk.outbox, desk.team, desk.slaPolicies, java.util.Optional.empty()), desk.outbox, clock);

        assertThat(reminders.run()).as("40 min ahead: too early").isZero();
        clock.advance(Duration.ofMinutes(26));
        assertThat(reminders.run()).isEqualTo(1);
        assertThat(reminders.run()).as("once").isZero();
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).as(chat.posts.toString()).filteredOn(p -> p.card().status().startsWith("Meeting in 14 min: Demo"))
                .singleElement().satisfies(p -> assertThat(p.destination()).isEqualTo(Destination.rep(jane.id())));

        desk.scheduling.reschedule(booked.value().id(), jane, clock.instant().plus(Duration.ofHours(2)), Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(110));
        assertThat(reminders.run()).as("moved: reminded again").isEqualTo(1);
    }

    @Test
    void messagesToOneDestinationAreSpacedByThePlatformsRateLimit() {
        chat.minInterval = Duration.ofSeconds(1);
        OutboxDispatcher dispatcher = dispatcher();
        desk.claims.assign(newLead().id(), mia, jane, null);
        desk.claims.assign(newLead().id(), mia, jane, null);

        assertThat(dispatcher.dispatchDue(50)).as("settled: the one delivered, not the one that waits").isEqualTo(1);
        assertThat(chat.posts).as("the second DM to Jane waits").hasSize(1);
        assertThat(desk.outbox.withStatus("PENDING")).allSatisfy(n -> assertThat(n.attempts()).as("waiting is not failing").isZero());
        clock.advance(Duration.ofMillis(1100));
        dispatcher.dispatchDue(50);
        assertThat(chat.posts).hasSize(2);
        assertThat(desk.outbox.withStatus("FAILED")).isEmpty();
    }

    private OutboxDispatcher dispatcher() {
        return new OutboxDispatcher(desk.outbox, List.of(chat), desk.liveCards, desk.pace, clock);
    }

    private Lead newLead() {
        return newLead(desk);
    }

    @Test
    void eachPlatformHasItsOwnDeliveryAndOneThatFailsOrWaitsHoldsNothingBackOnTheOther() {
        TwoPlatforms two = new TwoPlatforms();
        Lead lead = newLead(two.desk);
        two.teams.nextPosts.add(new Notifier.Delivery.NoAddress("queue has no Teams channel"));
        two.desk.claims.offer(lead.id(), two.mia, two.desk.team.queueByName("Inbound").orElseThrow(), null);
        Lead second = newLead(two.desk);
        two.teams.nextPosts.add(new Notifier.Delivery.RetryLater(Duration.ofMinutes(5), "Teams answered 503"));
        two.desk.claims.assign(second.id(), two.mia, two.jane, null);

        two.dispatcher().dispatchDue(50);

        assertThat(two.slack.posts).as("Slack got both cards at once").hasSize(2);
        assertThat(two.teams.posts).hasSize(2);
        assertThat(two.desk.outbox.withStatus("SKIPPED")).as("no Teams channel: nothing to do, not a failure").hasSize(1);
        assertThat(two.desk.outbox.withStatus("PENDING")).as("only Teams' retry waits").hasSize(1);
        clock.advance(Duration.ofMinutes(6));
        two.dispatcher().dispatchDue(50);
        assertThat(two.teams.posts).hasSize(3);
        assertThat(two.slack.posts).as("Slack's copy was not sent again").hasSize(2);
        assertThat(two.desk.outbox.withStatus("PENDING")).isEmpty();
        two.desk.close();
    }

    @Test
    void aChangeWhileTheCardIsOnItsWayIsShownOnThatCopyOnceItIsOut() {
        Lead lead = newLead();
        desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
        // Jane claims while the offer is being posted; another worker takes the claim's edit at once and finds no copy yet
        chat.duringNextPost = () -> {
            desk.claims.claim(lead.id(), jane);
            dispatcher().dispatchDue(50);
        };

        dispatcher().dispatchDue(50);

        Destination inbound = Destination.queue(desk.team.queueByName("Inbound").orElseThrow().id());
        int offer = chat.posts.stream().map(RecordingNotifier.Post::destination).toList().indexOf(inbound);
        assertThat(chat.posts.get(offer).card().status()).as("drawn before the claim").doesNotContain("Claimed");
        assertThat(chat.updates).filteredOn(u -> u.where().ref().equals("msg-" + (offer + 1))).last()
                .satisfies(u -> assertThat(u.card().status()).startsWith("Claimed by Jane Rivera"));
    }

    @Test
    void aCardThatWaitedShowsTheLeadAsItIsWhenItIsSentNotAsItWasWhenItWasQueued() {
        Lead lead = newLead();
        desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
        desk.claims.claim(lead.id(), jane);

        dispatcher().dispatchDue(50);

        assertThat(chat.posts).hasSize(2);
        Card posted = chat.posts.get(0).card();
        assertThat(posted.status()).startsWith("Claimed by Jane Rivera");
        assertThat(posted.actions()).extracting(CardAction::wire).doesNotContain("claim");
        assertThat(posted.fields()).contains(new Card.Field("Status", "New"));
    }

    @Test
    void aCardShowsThePhoneTheNextMeetingAndTheNextOpenTask() {
        Lead lead = desk.leads.insert(new NewLead(aLead().with(dev.leadline.core.lead.LeadField.PHONE, "+49 30 1234567").build(), null, null,
                clock.instant()));
        desk.journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        desk.claims.assign(lead.id(), mia, jane, null);
        desk.scheduling.book(lead.id(), jane, clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(30), "Demo", List.of());
        desk.scheduling.addTask(lead.id(), jane, "Send the pricing", clock.instant().plus(Duration.ofHours(3)));
        desk.scheduling.addTask(lead.id(), jane, "Call back", clock.instant().plus(Duration.ofHours(2)));
        dispatcher().dispatchDue(50);

        Card shown = chat.updates.isEmpty() ? chat.posts.get(0).card() : chat.updates.get(chat.updates.size() - 1).card();
        assertThat(shown.fields()).contains(new Card.Field("Phone", "+49 30 1234567"));
        assertThat(shown.fields()).anySatisfy(f -> assertThat(f.label() + ": " + f.value()).startsWith("Next meeting: ").endsWith(" UTC · Demo"));
        assertThat(shown.fields()).as("the earliest open task").anySatisfy(f -> assertThat(f.label() + ": " + f.value())
                .startsWith("Next task: Call back · due ").endsWith(" UTC"));
    }

    @Test
    void aPostWhoseAnswerWasLostIsLookedUpAndEditedNeverPostedTwice() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, null);
        chat.nextPosts.add(new Notifier.Delivery.Unknown("no answer within 10 s"));
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).hasSize(1);

        chat.lookup = new Notifier.Lookup.Found(List.of("msg-1"));
        clock.advance(Duration.ofMinutes(1));
        dispatcher().dispatchDue(50);

        assertThat(chat.posts).as("found, so not posted again").hasSize(1);
        assertThat(chat.finds).hasSize(1);
        assertThat(chat.updates).extracting(u -> u.where().ref()).containsExactly("msg-1");
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();

        assertThat(desk.qualification.qualify(lead.id(), jane, "budget confirmed")).isInstanceOf(dev.leadline.core.lead.LeadOutcome.Done.class);
        dispatcher().dispatchDue(50);
        assertThat(chat.updates).extracting(u -> u.where().ref()).as("later changes edit the copy found").containsExactly("msg-1", "msg-1");
    }

    @Test
    void aCardDeletedInTheChatIsPostedAgainAndLaterChangesEditTheNewCopy() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, null);
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).hasSize(1);

        chat.nextUpdates.add(new Notifier.Delivery.Gone("the post was deleted"));
        assertThat(desk.qualification.qualify(lead.id(), jane, "budget confirmed")).isInstanceOf(dev.leadline.core.lead.LeadOutcome.Done.class);
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).as("posted again in its place").hasSize(2);
        assertThat(chat.posts.get(1).card().fields()).contains(new Card.Field("Status", "Qualified"));
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();

        desk.scheduling.book(lead.id(), jane, clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(30), "Demo", List.of());
        dispatcher().dispatchDue(50);
        assertThat(chat.updates).extracting(u -> u.where().ref()).as("the new copy is the one edited").endsWith("msg-2");
    }

    @Test
    void whenALostPostLeftTwoCopiesTheOlderPointsBelowWithoutButtonsAndTheNewerIsKept() {
        Lead lead = newLead();
        desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
        chat.nextPosts.add(new Notifier.Delivery.Unknown("connection reset"));
        dispatcher().dispatchDue(50);
        chat.lookup = new Notifier.Lookup.Found(List.of("msg-old", "msg-new"));
        clock.advance(Duration.ofMinutes(1));
        dispatcher().dispatchDue(50);

        assertThat(chat.updates).hasSize(2);
        assertThat(chat.updates.get(0).where().ref()).isEqualTo("msg-old");
        assertThat(chat.updates.get(0).card().status()).isEqualTo("This card moved below.");
        assertThat(chat.updates.get(0).card().actions()).isEmpty();
        assertThat(chat.updates.get(1).where().ref()).isEqualTo("msg-new");
        assertThat(chat.updates.get(1).card().actions()).extracting(CardAction::wire).containsExactly("claim");
    }

    @Test
    void aPostNotFoundAfterALostAnswerIsSentOnce() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, null);
        chat.nextPosts.add(new Notifier.Delivery.Unknown("no answer"));
        dispatcher().dispatchDue(50);
        chat.lookup = new Notifier.Lookup.NotFound();
        clock.advance(Duration.ofMinutes(1));
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).hasSize(2);
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
    }

    @Test
    void aPostWhoseAnswerWasLostOnAPlatformThatCannotLookItUpIsSentAgainRatherThanLost() {
        Lead lead = newLead();
        desk.claims.assign(lead.id(), mia, jane, null);
        chat.nextPosts.add(new Notifier.Delivery.Unknown("no answer within 10 s"));
        dispatcher().dispatchDue(50);
        chat.lookup = new Notifier.Lookup.CannotTell();
        clock.advance(Duration.ofMinutes(1));
        dispatcher().dispatchDue(50);

        assertThat(chat.finds).as("it asked first").hasSize(1);
        assertThat(chat.posts).as("then sent it again: at least once").hasSize(2);
        assertThat(desk.outbox.withStatus("PENDING")).isEmpty();
    }

    @Test
    void aRetryAfterOnAnEditHoldsNewPostsToThatDestinationToo() {
        Lead first = newLead();
        desk.claims.offer(first.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
        dispatcher().dispatchDue(50);
        chat.nextUpdates.add(new Notifier.Delivery.RetryLater(Duration.ofSeconds(30), "Slack rate limit (429)"));
        desk.claims.claim(first.id(), jane);
        dispatcher().dispatchDue(50);
        Lead second = newLead();
        desk.claims.offer(second.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);

        Destination inbound = Destination.queue(desk.team.queueByName("Inbound").orElseThrow().id());
        clock.advance(Duration.ofSeconds(20));
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).filteredOn(p -> p.destination().equals(inbound)).as("no request to the queue's channel within Retry-After")
                .hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        dispatcher().dispatchDue(50);
        assertThat(chat.posts).filteredOn(p -> p.destination().equals(inbound)).hasSize(2);
    }

    @Test
    void aRetryAfterHoldsEveryNodesRequestsToThatDestinationUntilItHasPassed() {
        Lead first = newLead();
        desk.claims.assign(first.id(), mia, jane, null);
        chat.nextPosts.add(new Notifier.Delivery.RetryLater(Duration.ofSeconds(30), "Slack rate limit (429)"));
        dispatcher().dispatchDue(50);
        Lead second = newLead();
        desk.claims.assign(second.id(), mia, jane, null);

        clock.advance(Duration.ofSeconds(20));
        OutboxDispatcher otherNode = dispatcher();
        assertThat(otherNode.dispatchDue(50)).isZero();
        assertThat(chat.posts).as("no request to Jane's DMs within Retry-After, from any node").hasSize(1);
        clock.advance(Duration.ofSeconds(11));
        otherNode.dispatchDue(50);
        assertThat(chat.posts).hasSize(3);
    }

    @Test
    void notificationsWrittenBeforeDeliveriesWerePerPlatformAreSpreadOverThePlatformsOnce() {
        Lead lead = newLead();
        desk.database.dsl().insertInto(dev.leadline.db.jooq.Tables.OUTBOX)
                .set(dev.leadline.db.jooq.Tables.OUTBOX.KIND, "POST").set(dev.leadline.db.jooq.Tables.OUTBOX.LEAD_ID, lead.id().value())
                .set(dev.leadline.db.jooq.Tables.OUTBOX.CARD_KEY, "lead:" + lead.id())
                .set(dev.leadline.db.jooq.Tables.OUTBOX.DESTINATION_TYPE, "REP").set(dev.leadline.db.jooq.Tables.OUTBOX.DESTINATION_ID, jane.id())
                .set(dev.leadline.db.jooq.Tables.OUTBOX.CARD, JooqOutbox.writeCard(new Card(lead.id().toString(), "t", null, "New", List.of(), List.of())))
                .set(dev.leadline.db.jooq.Tables.OUTBOX.STATUS, "PENDING")
                .set(dev.leadline.db.jooq.Tables.OUTBOX.NEXT_ATTEMPT_AT, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC))
                .set(dev.leadline.db.jooq.Tables.OUTBOX.CREATED_AT, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).execute();
        JooqOutbox both = new JooqOutbox(desk.database.dsl(), List.of("slack", "teams"));

        assertThat(both.spreadUnassigned()).isEqualTo(1);
        assertThat(both.spreadUnassigned()).isZero();
        assertThat(desk.database.dsl().fetch("select platform from outbox where status = 'PENDING' order by platform"))
                .extracting(r -> r.get(0, String.class)).containsExactly("slack", "teams");
    }

    /** A desk whose outbox delivers to two platforms. */
    private final class TwoPlatforms {
        final TestDesk desk = new TestDesk(clock, List.of("slack", "teams"));
        final RecordingNotifier slack = new RecordingNotifier("slack");
        final RecordingNotifier teams = new RecordingNotifier("teams");
        final Rep jane;
        final Rep mia;

        TwoPlatforms() {
            desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                    new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                    List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"))), Actor.cli("test"));
            jane = desk.team.repByEmail("jane@example.com").orElseThrow();
            mia = desk.team.repByEmail("mia@example.com").orElseThrow();
        }

        OutboxDispatcher dispatcher() {
            return new OutboxDispatcher(desk.outbox, List.of(slack, teams), desk.liveCards, desk.pace, clock);
        }
    }

    private Lead newLead(TestDesk on) {
        Lead lead = on.leads.insert(new NewLead(aLead().build(), null, null, clock.instant()));
        on.journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        return lead;
    }

    /** Stands in for a chat platform's cloud API: records posts, edits and look-ups, answers as told. */
    static final class RecordingNotifier implements Notifier {
        record Post(Destination destination, Card card) {}

        record Update(MessageRef where, Card card) {}

        final String platform;
        final List<Post> posts = new ArrayList<>();
        final List<Update> updates = new ArrayList<>();
        final List<String> finds = new ArrayList<>();
        /** Answers for the next posts, in order; a post with none left is delivered. */
        final java.util.Deque<Delivery> nextPosts = new java.util.ArrayDeque<>();
        /** Answers for the next edits, in order; an edit with none left is delivered. */
        final java.util.Deque<Delivery> nextUpdates = new java.util.ArrayDeque<>();
        Lookup lookup = new Lookup.CannotTell();
        Duration minInterval = Duration.ZERO;
        /** Runs while the next post is on its way (before the platform answers), then is gone. */
        Runnable duringNextPost;

        RecordingNotifier() {
            this("test");
        }

        RecordingNotifier(String platform) {
            this.platform = platform;
        }

        @Override
        public Duration minInterval() {
            return minInterval;
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public Delivery post(Destination destination, String cardKey, Card card) {
            Runnable during = duringNextPost;
            duringNextPost = null;
            if (during != null) {
                during.run();
            }
            return recordPost(destination, card);
        }

        private synchronized Delivery recordPost(Destination destination, Card card) {
            posts.add(new Post(destination, card));
            Delivery answer = nextPosts.poll();
            return answer != null ? answer : new Delivery.Delivered("msg-" + posts.size());
        }

        @Override
        public synchronized Delivery update(MessageRef where, Card card) {
            updates.add(new Update(where, card));
            Delivery answer = nextUpdates.poll();
            return answer != null ? answer : new Delivery.Delivered(where.ref());
        }

        @Override
        public synchronized Lookup find(Destination destination, String cardKey, Instant since) {
            finds.add(cardKey);
            return lookup;
        }
    }
}
