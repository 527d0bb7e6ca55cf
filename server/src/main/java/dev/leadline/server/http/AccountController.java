package dev.leadline.server.http;

import dev.leadline.core.account.AccountImport;
import dev.leadline.core.account.AccountImportReport;
import dev.leadline.server.importing.ImportRunner;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/v1/accounts/import}: accounts and their contacts from a CSV file (ADMIN tokens), answered when done. */
final class AccountController {
    private final ImportRunner runner;
    private final AccountImport accounts;

    AccountController(ImportRunner runner, AccountImport accounts) {
        this.runner = runner;
        this.accounts = accounts;
    }

    void upload(Context ctx) throws IOException {
        Authenticator.requireAdmin(ctx);
        CsvUpload upload = CsvUpload.receive(ctx, runner.spool());
        AccountImportReport report = runner.importAccounts(upload.file(), upload.charset(), accounts);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", report.rows());
        body.put("accountsCreated", report.accountsCreated());
        body.put("accountsUpdated", report.accountsUpdated());
        body.put("contactsCreated", report.contactsCreated());
        body.put("contactsUpdated", report.contactsUpdated());
        body.put("rejectedCount", report.rejectedCount());
        body.put("rejected", ImportController.rejections(report.rejected()));
        body.put("leadsMatched", report.leadsMatched());
        ctx.json(body);
    }
}
