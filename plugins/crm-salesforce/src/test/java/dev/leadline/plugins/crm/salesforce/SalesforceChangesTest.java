package dev.leadline.plugins.crm.salesforce;

import static dev.leadline.plugins.crm.salesforce.SalesforceStub.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.CrmChanges;
import dev.leadline.plugin.testkit.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceChangesTest {
    private SalesforceStub salesforce;
    private TestContext context;
    private final SalesforceConnector connector = new SalesforceConnector();

    @BeforeEach
    void start() throws Exception {
        salesforce = new SalesforceStub();
        context = TestContext.withConfig(SalesforceSamples.settings(salesforce));
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void theFirstPullStartsNowAndLaterOnesReturnEachChangeOnceOldestFirst() throws Exception {
        salesforce.lead("old@acme.example", "005Dn000000OmarAAA", "Open - Not Contacted", Instant.parse("2026-11-01T00:00:00Z"));
        CrmChanges first = connector.pullChanges(null, 50, context);
        assertThat(first.changes()).isEmpty();
        Instant start = Instant.parse(first.nextCursor().split("\\|")[0]);
        assertThat(start).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(salesforce.queries()).isEmpty();

        Instant t1 = start.plusSeconds(1);
        Instant t2 = start.plusSeconds(2);
        String b = salesforce.lead("b@acme.example", "005Dn000000OmarAAA", "Open - Not Contacted", t2);
        String a = salesforce.lead("a@acme.example", "005Dn000000OmarAAA", "Open - Not Contacted", t1);
        salesforce.edit("Lead", a, "OwnerId", "005Dn000000AnaXAAA", t1);
        salesforce.edit("Lead", a, "Status", "Closed - Converted", t1);

        CrmChanges changes = connector.pullChanges(first.nextCursor(), 50, context);

        assertThat(changes.changes()).extracting(CrmChanges.Change::crmId).containsExactly(a, b);
        assertThat(changes.changes().get(0).values()).isEqualTo(Map.of("owner", "ana@leadline.example", "ownerCrmId", "005Dn000000AnaXAAA",
                "status", "CONVERTED"));
        assertThat(changes.changes().get(0).changedAt()).isEqualTo(t1);
        assertThat(changes.nextCursor()).isEqualTo(Soql.dateTime(t2) + "|" + b);
        assertThat(changes.more()).isFalse();
        assertThat(salesforce.queries()).last().isEqualTo("SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate FROM Lead WHERE "
                + "LastModifiedDate > " + Soql.dateTime(start) + " ORDER BY LastModifiedDate, Id LIMIT 51");

        assertThat(connector.pullChanges(changes.nextCursor(), 50, context).changes()).isEmpty();
        assertThat(salesforce.queries()).last().isEqualTo("SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate FROM Lead WHERE "
                + "(LastModifiedDate > " + Soql.dateTime(t2) + " OR (LastModifiedDate = " + Soql.dateTime(t2) + " AND Id > '" + b + "')) "
                + "ORDER BY LastModifiedDate, Id LIMIT 51");
    }

    @Test
    void leadsChangedInTheSameSecondArePagedByIdWithoutLosingAny() throws Exception {
        Instant second = Instant.parse("2026-12-02T00:00:10Z");
        String x = salesforce.lead("x@acme.example", "005Dn000000OmarAAA", "Working - Contacted", second);
        String y = salesforce.lead("y@acme.example", "005Dn000000OmarAAA", "Working - Contacted", second);
        String z = salesforce.lead("z@acme.example", "005Dn000000OmarAAA", "Working - Contacted", second);
        String cursor = Soql.dateTime(second.minusSeconds(1)) + "|";

        CrmChanges page = connector.pullChanges(cursor, 2, context);
        CrmChanges rest = connector.pullChanges(page.nextCursor(), 2, context);

        assertThat(page.changes()).extracting(CrmChanges.Change::crmId).containsExactly(x, y);
        assertThat(page.more()).isTrue();
        assertThat(rest.changes()).extracting(CrmChanges.Change::crmId).containsExactly(z);
        assertThat(rest.more()).isFalse();
        assertThat(rest.changes().get(0).values()).as("Working - Contacted is written by three statuses: no status comes back")
                .doesNotContainKey("status").containsEntry("owner", "omar@leadline.example");
    }

    @Test
    void aRateLimitedPullIsAnEmptyPageWithTheWaitAndTheSameCursor() throws Exception {
        salesforce.answerNext(DATA + "/query", 403, Map.of(), SalesforceStub.errors("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        CrmChanges changes = connector.pullChanges("2026-12-01T00:00:00Z|", 50, context);

        assertThat(changes.changes()).isEmpty();
        assertThat(changes.nextCursor()).isEqualTo("2026-12-01T00:00:00Z|");
        assertThat(changes.retryAfter()).isEqualTo(Duration.ofHours(1));
    }
}
