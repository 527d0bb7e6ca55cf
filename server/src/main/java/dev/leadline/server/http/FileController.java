package dev.leadline.server.http;

import dev.leadline.core.common.Ids;
import dev.leadline.core.files.FileOutcome;
import dev.leadline.core.files.FileService;
import dev.leadline.core.files.LeadFile;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Files on leads: upload (multipart, one or more parts), list and remove; an account's and a contact's
 * files are those of the leads converted into them. Parts are received, and downloads sent, by
 * {@link FileTransfer}, as the console's are.
 */
final class FileController {
    private final FileService files;
    private final FileTransfer transfer;
    private final TeamService team;

    FileController(FileService files, FileTransfer transfer, TeamService team) {
        this.files = files;
        this.transfer = transfer;
        this.team = team;
    }

    /** A file as the API shows it ({@code status} only in an upload's answer). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record FileJson(long id, String lead, String name, String contentType, long size, String sha256, String addedBy, String addedAt,
                    String url, String status) {
        static FileJson of(LeadFile f, String status) {
            return new FileJson(f.id(), f.lead().toString(), f.name(), f.contentType(), f.size(), f.sha256(), f.addedBy().toString(),
                    f.addedAt().toString(), "/api/v1/files/" + f.id(), status);
        }
    }

    void upload(Context ctx) throws IOException {
        LeadId lead = LeadId.parse(ctx.pathParam("id"));
        transfer.boundParts(ctx);
        List<UploadedFile> parts = transfer.parts(ctx);
        ActingRep by = Reps.acting(ctx, team, ctx.formParam("rep"));
        List<FileJson> attached = new ArrayList<>();
        for (FileOutcome outcome : transfer.attach(lead, parts, by)) {
            refuse(outcome);
            attached.add(outcome instanceof FileOutcome.Attached a ? FileJson.of(a.file(), "attached")
                    : FileJson.of(((FileOutcome.AlreadyAttached) outcome).file(), "already_attached"));
        }
        ctx.status(attached.stream().anyMatch(f -> f.status().equals("attached")) ? 201 : 200).json(Map.of("files", attached));
    }

    void ofLead(Context ctx) {
        ctx.json(Map.of("files", files.ofLead(LeadId.parse(ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void ofAccount(Context ctx) {
        ctx.json(Map.of("files", files.ofAccount(Ids.parse("id", ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void ofContact(Context ctx) {
        ctx.json(Map.of("files", files.ofContact(Ids.parse("id", ctx.pathParam("id"))).stream().map(f -> FileJson.of(f, null)).toList()));
    }

    void remove(Context ctx) {
        ActingRep by = Reps.acting(ctx, team, ctx.queryParam("rep"));
        refuse(files.remove(Ids.parse("id", ctx.pathParam("id")), by));
        ctx.status(204);
    }

    /** A refusal as the API answers it: 403 when the rep may not, 409 for a merged lead. */
    private static void refuse(FileOutcome outcome) {
        if (outcome instanceof FileOutcome.NotAllowed refused) {
            throw new HttpProblem(403, "not_allowed", refused.reason());
        }
        if (outcome instanceof FileOutcome.WrongState refused) {
            throw new HttpProblem(409, "wrong_state", refused.reason());
        }
    }
}
