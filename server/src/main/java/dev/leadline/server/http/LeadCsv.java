package dev.leadline.server.http;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A lead as one row of {@code leads.csv}: the API's field names as the header, the owner by email and the queue by name. */
final class LeadCsv {
    static final List<String> COLUMNS = Stream.of(Stream.of("id"), Stream.of(LeadField.values()).map(LeadField::jsonName),
            Stream.of("customFields", "status", "statusReason", "owner", "queue", "score", "createdAt", "updatedAt", "offeredAt", "claimedAt",
                    "firstTouchedAt", "assignedAt")).flatMap(s -> s).toList();

    private LeadCsv() {}

    static List<String> cells(Lead lead, TeamService team) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(lead.id().toString());
        for (LeadField field : LeadField.values()) {
            cells.add(lead.data().get(field).orElse(""));
        }
        cells.add(lead.data().customFields().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        cells.add(lead.status().name());
        cells.add(lead.stage().statusReason());
        cells.add(lead.ownerRepId() == null ? "" : team.rep(lead.ownerRepId()).map(Rep::email).orElse(lead.ownerRepId().toString()));
        cells.add(lead.queueId() == null ? "" : team.queue(lead.queueId()).map(LeadQueue::name).orElse(lead.queueId().toString()));
        cells.add(lead.score() == null ? "" : lead.score().toString());
        cells.add(text(lead.createdAt()));
        cells.add(text(lead.updatedAt()));
        cells.add(text(lead.stage().offeredAt()));
        cells.add(text(lead.stage().claimedAt()));
        cells.add(text(lead.stage().firstTouchedAt()));
        cells.add(text(lead.stage().assignedAt()));
        return cells;
    }

    private static String text(Instant at) {
        return at == null ? "" : at.toString();
    }
}
