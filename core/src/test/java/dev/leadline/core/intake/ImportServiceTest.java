package dev.leadline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.testing.DirectTransactor;
import dev.leadline.core.testing.InMemoryImportJobs;
import dev.leadline.core.testing.InMemoryJournal;
import dev.leadline.core.testing.InMemoryLeadRepository;
import dev.leadline.core.testing.ListImportSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportServiceTest {
    private static final List<String> HEADER = List.of("Lead ID", "First Name", "Last Name", "Email", "Company");

    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final InMemoryImportJobs jobs = new InMemoryImportJobs();
    private final ImportService imports = new ImportService(new DirectTransactor(), leads, new LeadJournal(journal, journal),
            jobs, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyRowIsImportedUpdatedDuplicateOrRejectedWithItsLine() {
        ImportReport report = run(List.of(
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"),
                List.of("2", "Grace", "Hopper", "not an email", "Navy"),
                List.of("3", "Alan", "Turing"),
                List.of("4", "Ada", "L.", "ADA@example.com", "Engines"),
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines")));

        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(2);
        assertThat(report.rejected()).extracting(ImportReport.Rejection::line).containsExactly(3L, 4L);
        assertThat(report.rejected().get(0).reason()).contains("email").contains("not an email");
        assertThat(report.rejected().get(1).reason()).isEqualTo("has 3 fields but the header has 5");
        assertThat(report.imported() + report.updated() + report.duplicates() + report.rejectedCount()).isEqualTo(report.rows());
    }

    @Test
    void aPreviewMapsRecognisedHeadersCountsRowsAndStoresNothing() {
        ImportPreview preview = imports.preview(new ListImportSource(HEADER, List.of(
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"),
                List.of("2", "Grace", "Hopper", "grace@example.com", "Navy"),
                List.of("3", "Alan", "Turing"))), new ImportOptions(Map.of("Company", "ignore"), Set.of(), false, true), 2);

        assertThat(preview.mapping()).containsExactly(Map.entry("Lead ID", "externalId"), Map.entry("First Name", "firstName"),
                Map.entry("Last Name", "lastName"), Map.entry("Email", "email"), Map.entry("Company", "ignore"));
        assertThat(preview.firstRows()).hasSize(2);
        assertThat(preview.rows()).isEqualTo(3);
        assertThat(preview.importable()).isTrue();
        assertThat(leads.count()).isZero();
        assertThat(imports.preview(new ListImportSource(List.of("Shoe size"), List.of()), ImportOptions.defaults(), 5).importable()).isFalse();
    }

    @Test
    void reRunningTheSameFileCreatesNothingNew() {
        List<List<String>> rows = List.of(
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"),
                List.of("", "No", "Id", "", "Nameless Co"));
        run(rows);
        ImportReport again = run(rows);

        assertThat(leads.count()).isEqualTo(2);
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
    }

    @Test
    void aChangedRowWithAKnownExternalIdUpdatesTheLeadAndIsAudited() {
        run(List.of(List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines")));
        ImportReport report = run(List.of(List.of("1", "Ada", "Lovelace", "ada@example.com", "Analytical Engines")));

        assertThat(report.updated()).isEqualTo(1);
        var lead = leads.findByIntakeKeys(List.of("ext:1")).get("ext:1");
        assertThat(lead.data().getOrNull(LeadField.COMPANY)).isEqualTo("Analytical Engines");
        assertThat(journal.audit).extracting(e -> e.action()).containsExactly("created", "updated");
        assertThat(journal.audit.get(1).before()).containsEntry("company", "Engines");
        assertThat(journal.activities).extracting(a -> a.type()).containsExactly(ActivityType.IMPORTED, ActivityType.UPDATED);
    }

    @Test
    void aJobResumesAfterItsLastCommittedLine() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ImportService.BATCH_SIZE + 10; i++) {
            rows.add(List.of("id-" + i, "First", "Last" + i, "p" + i + "@example.com", "Co"));
        }
        ImportJob job = imports.start("leads.csv", null, ImportOptions.defaults(), Actor.cli("test"));
        long firstBatchLastLine = ImportService.BATCH_SIZE + 1;
        jobs.recordBatch(job.id(), firstBatchLastLine, new ImportCounts(ImportService.BATCH_SIZE, 0, 0, 0, 0), List.of(), List.of());

        ImportReport report = imports.run(jobs.find(job.id()).orElseThrow(), new ListImportSource(HEADER, rows),
                ImportService.ImportProgress.NONE);

        assertThat(leads.count()).isEqualTo(10);
        assertThat(report.rows()).isEqualTo(ImportService.BATCH_SIZE + 10);
        assertThat(jobs.find(job.id()).orElseThrow().status()).isEqualTo(ImportStatus.DONE);
    }

    @Test
    void nullPlaceholdersAreTreatedAsMissing() {
        ImportOptions options = new ImportOptions(Map.of(), Set.of("Select"), false, true);
        ImportReport report = run(List.of(List.of("9", "Select", "Smith", "", "Select")), options);

        assertThat(report.imported()).isEqualTo(1);
        var lead = leads.findByIntakeKeys(List.of("ext:9")).get("ext:9");
        assertThat(lead.data().get(LeadField.FIRST_NAME)).isEmpty();
        assertThat(lead.data().get(LeadField.COMPANY)).isEmpty();
    }

    @Test
    void aDryRunReportsWithoutStoring() {
        ImportReport report = imports.dryRun(new ListImportSource(HEADER, List.of(
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"),
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"))), ImportOptions.defaults());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(leads.count()).isZero();
    }

    @Test
    void aHeaderWithNoLeadFieldIsRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() -> imports.mappingFor(List.of("foo", "bar"), ImportOptions.defaults()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("none of the columns");
    }

    @Test
    void twoColumnsMappedToOneFieldAreRefusedNamingBothAndNothingIsStored() {
        List<String> header = List.of("Email", "Work Email", "Company");
        ImportOptions options = new ImportOptions(Map.of("Email", "email", "Work Email", "email"), Set.of(), false, true);
        ListImportSource source = new ListImportSource(header, List.of(List.of("a1@dupmap.example", "b1@dupmap.example", "Co1")));

        assertThatThrownBy(() -> imports.dryRun(source, options)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("two columns feed Email: 'Email' and 'Work Email'");
        assertThatThrownBy(() -> imports.mappingFor(List.of("Name", "First", "Other", "More"),
                new ImportOptions(Map.of("Name", "fullName", "First", "firstName", "Other", "custom:notiz", "More", "custom:Notiz"), Set.of(),
                        false, true)))
                .hasMessageContaining("two columns feed First name: 'Name' and 'First'")
                .hasMessageContaining("two columns feed the custom field 'Notiz': 'Other' and 'More'");
        assertThat(leads.count()).isZero();
        ColumnMapping kept = imports.mappingFor(List.of("Email", "Notiz", "Other"),
                new ImportOptions(Map.of("Other", "custom:notiz"), Set.of(), false, true));
        assertThat(kept.describe()).as("a column left to the automatic mapping never collides: it is kept under another name")
                .contains(Map.entry("Notiz", "custom:Notiz (2)"), Map.entry("Other", "custom:notiz"));
    }

    @Test
    void recognisedNamesForAFieldAlreadyFedStayCustomFieldsSoNoValueIsLost() {
        ColumnMapping mapping = imports.mappingFor(List.of("Email", "E-mail", "Name", "First Name"), ImportOptions.defaults());

        assertThat(mapping.describe()).containsExactly(Map.entry("Email", "email"), Map.entry("E-mail", "custom:E-mail"),
                Map.entry("Name", "fullName"), Map.entry("First Name", "custom:First Name"));
    }

    @Test
    void aPreviewMarksTheRowsTheImportWouldRejectUnreadWithTheImportsReason() {
        ImportPreview preview = imports.preview(new ListImportSource(HEADER, List.of(
                List.of("1", "Ada", "Lovelace", "ada@example.com", "Engines"),
                List.of("3", "Alan", "Turing"))), ImportOptions.defaults(), 5);

        assertThat(preview.malformed()).containsExactly(new ImportPreview.Malformed(1, 3, "has 3 fields but the header has 5"));
        assertThat(preview.malformed(0)).isEmpty();
        assertThat(run(List.of(List.of("3", "Alan", "Turing"))).rejected().get(0).reason()).isEqualTo(preview.malformed().get(0).reason());
    }

    @Test
    void valuesThatMeanEmptyAreLimitedTo500Characters() {
        assertThat(ImportOptions.nullValues(" Select , N/A,,")).containsExactlyInAnyOrder("Select", "N/A");
        assertThatThrownBy(() -> ImportOptions.nullValues("x".repeat(501))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 500 characters");
    }

    private ImportReport run(List<List<String>> rows) {
        return run(rows, ImportOptions.defaults());
    }

    private ImportReport run(List<List<String>> rows, ImportOptions options) {
        ImportJob job = imports.start("leads.csv", null, options, Actor.cli("test"));
        return imports.run(job, new ListImportSource(HEADER, rows), ImportService.ImportProgress.NONE);
    }
}
