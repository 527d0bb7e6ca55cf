package dev.leadline.server.mail;

import dev.leadline.core.nurture.Mailer;
import dev.leadline.core.nurture.OutgoingEmail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without an SMTP server, emails (nurture steps, meeting invitations) are written to the log (recipient and subject) and go nowhere. */
public final class LogMailer implements Mailer {
    private static final Logger log = LoggerFactory.getLogger(LogMailer.class);

    @Override
    public Outcome send(OutgoingEmail email) {
        log.info("email to {} from {}: \"{}\" (not sent: set LEADLINE_SMTP_HOST to send)", email.to(), email.fromAddress(), email.subject());
        return new Outcome.Sent();
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
