package dev.leadline.server.mail;

import dev.leadline.core.nurture.Mailer;
import dev.leadline.core.nurture.OutgoingEmail;
import dev.leadline.server.config.MailSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends nurture emails over SMTP with Angus Mail (Jakarta Mail): {@code multipart/alternative} with a
 * plain-text and an HTML part, the email's own {@code Message-ID}, and {@code List-Unsubscribe} with
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) plus the same link in both parts.
 * One connection is kept between emails, checked (NOOP) before use once it has been idle for 5 s. Outcomes: a connection or login
 * that fails, or a 4xx, is {@code Deferred}; a 5xx is {@code Refused}; a failure once the message is being
 * handed over is {@code Unknown}.
 */
public final class SmtpMailer implements Mailer, AutoCloseable {
    private final Session session;
    private final MailSettings.Server server;
    private Transport transport;
    /** When the connection last answered; a connection idle longer is checked (NOOP) before it is used again. */
    private long lastAnswer;
    private static final long CHECK_AFTER_IDLE_NANOS = 5_000_000_000L;

    public SmtpMailer(MailSettings.Server server) {
        this.server = server;
        Properties props = new Properties();
        String p = "mail.smtp.";
        props.put(p + "host", server.host());
        props.put(p + "port", Integer.toString(server.port()));
        props.put(p + "auth", Boolean.toString(server.user().isPresent()));
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "60000");
        props.put(p + "writetimeout", "60000");
        if (server.tls().equals("starttls")) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        } else if (server.tls().equals("tls")) {
            props.put(p + "ssl.enable", "true");
        }
        props.put(p + "ssl.checkserveridentity", "true");
        this.session = Session.getInstance(props);
    }

    @Override
    public boolean delivers() {
        return true;
    }

    @Override
    public synchronized Outcome send(OutgoingEmail email) {
        MimeMessage message;
        try {
            message = message(email);
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new Outcome.Refused("the email cannot be written: " + e.getMessage());
        }
        try {
            connected();
        } catch (MailConnectException e) {
            return new Outcome.Deferred("cannot reach the SMTP server " + server.host() + ":" + server.port());
        } catch (MessagingException e) {
            return new Outcome.Deferred("the SMTP server refused the connection or login: " + firstLine(e.getMessage()));
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
            lastAnswer = System.nanoTime();
            return new Outcome.Sent();
        } catch (SMTPAddressFailedException e) {
            return byCode(e.getReturnCode(), e.getMessage());
        } catch (SMTPSendFailedException e) {
            return byCode(e.getReturnCode(), e.getMessage());
        } catch (SendFailedException e) {
            return e.getNextException() instanceof SMTPAddressFailedException refused ? byCode(refused.getReturnCode(), refused.getMessage())
                    : new Outcome.Refused(firstLine(e.getMessage()));
        } catch (MessagingException e) {
            closeQuietly();
            return new Outcome.Unknown("the connection to the SMTP server broke while sending: " + firstLine(e.getMessage()));
        }
    }

    private static Outcome byCode(int code, String message) {
        String why = code + " " + firstLine(message);
        return code >= 400 && code < 500 ? new Outcome.Deferred(why) : new Outcome.Refused(why);
    }

    private void connected() throws MessagingException {
        // a connection that answered moments ago is used as it is; an idle one is asked (NOOP) whether it is still there
        if (transport != null && (System.nanoTime() - lastAnswer < CHECK_AFTER_IDLE_NANOS || transport.isConnected())) {
            return;
        }
        closeQuietly();
        Transport fresh = session.getTransport("smtp");
        if (server.user().isPresent()) {
            fresh.connect(server.host(), server.port(), server.user().get(), server.password());
        } else {
            fresh.connect();
        }
        transport = fresh;
        lastAnswer = System.nanoTime();
    }

    MimeMessage message(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", email.messageId());
            }
        };
        message.setFrom(email.fromName() == null ? new InternetAddress(email.fromAddress())
                : new InternetAddress(email.fromAddress(), email.fromName(), StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        boolean unsubscribe = email.unsubscribeUrl() != null;
        if (unsubscribe) {
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text() + (unsubscribe ? "\n\n--\nTo receive no more of these emails: " + email.unsubscribeUrl() + "\n" : "\n"),
                StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<!DOCTYPE html><html><body>" + email.html() + (unsubscribe ? "<p style=\"font-size:small;color:#666\"><a href=\""
                + email.unsubscribeUrl() + "\">Unsubscribe</a> to receive no more of these emails.</p>" : "") + "</body></html>",
                StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        if (email.calendar() == null) {
            message.setContent(alternative);
        } else {
            // the invitation as calendar clients read it (RFC 6047), and as a file for those that do not
            String method = email.calendar().lines().filter(l -> l.startsWith("METHOD:")).findFirst().map(l -> l.substring(7).strip())
                    .orElse("PUBLISH");
            MimeBodyPart invitation = new MimeBodyPart();
            invitation.setContent(email.calendar(), "text/calendar; charset=UTF-8; method=" + method);
            invitation.setHeader("Content-Transfer-Encoding", "8bit");
            alternative.addBodyPart(invitation);
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeBodyPart file = new MimeBodyPart();
            file.setContent(email.calendar(), "application/ics; name=\"invite.ics\"");
            file.setFileName("invite.ics");
            file.setDisposition(jakarta.mail.Part.ATTACHMENT);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(file);
            message.setContent(mixed);
        }
        message.setSentDate(new java.util.Date());
        message.saveChanges();
        return message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
