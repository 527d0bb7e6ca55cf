package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.UnsupportedTypeException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.files.FileOutcome;
import dev.leadline.core.files.FileService;
import dev.leadline.core.files.LeadFile;
import dev.leadline.core.lead.LeadId;
import dev.leadline.server.http.FileTransfer;
import dev.leadline.server.http.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.List;

/**
 * The Files section of a lead's page: files uploaded from a file input and removed, as the session's rep,
 * through the same {@link FileService} and {@link FileTransfer} as {@code /api/v1/leads/{id}/files}, so the
 * same rules decide (the lead's owner or a manager; types by content; sizes). Done: back to the lead with
 * what was done; refused: the lead page with the reason and the API's status ({@code 403}, {@code 413},
 * {@code 415}, {@code 422}).
 */
public final class FilePages {
    private final FileService files;
    private final FileTransfer transfer;
    private final LeadPages leads;

    public FilePages(FileService files, FileTransfer transfer, LeadPages leads) {
        this.files = files;
        this.transfer = transfer;
        this.leads = leads;
    }

    /** {@code POST /console/leads/{id}/files}: multipart, one or more files (its body bounded by {@link FileTransfer#boundRequest}). */
    public void upload(Context ctx) throws IOException {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        List<FileOutcome> outcomes;
        try {
            outcomes = transfer.attach(id, transfer.parts(ctx), me.acting());
        } catch (UnsupportedTypeException e) {
            leads.show(ctx, 415, id, "Not attached: " + e.getMessage(), true);
            return;
        } catch (TooLargeException e) {
            leads.show(ctx, 413, id, "Not attached: " + e.getMessage(), true);
            return;
        } catch (ValidationException e) {
            leads.show(ctx, 422, id, "Not attached: " + e.getMessage(), true);
            return;
        } catch (HttpProblem e) {
            leads.show(ctx, e.status(), id, "Not attached: send the files from the lead page's form.", true);
            return;
        }
        if (outcomes.get(outcomes.size() - 1) instanceof FileOutcome.Refused refused) {
            leads.show(ctx, refused instanceof FileOutcome.NotAllowed ? 403 : 409, id, "Not attached: " + refused.reason(), true);
            return;
        }
        boolean any = outcomes.stream().anyMatch(o -> o instanceof FileOutcome.Attached);
        ctx.redirect("/console/leads/" + id + "?done=" + (any ? "files-attached" : "files-already-attached"), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /console/files/{id}/remove}. */
    public void remove(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadFile file = files.file(Ids.parse("id", ctx.pathParam("id")));
        if (files.remove(file.id(), me.acting()) instanceof FileOutcome.Refused refused) {
            leads.show(ctx, 403, file.lead(), "Not removed: " + refused.reason(), true);
            return;
        }
        ctx.redirect("/console/leads/" + file.lead() + "?done=file-removed", HttpStatus.SEE_OTHER);
    }
}
