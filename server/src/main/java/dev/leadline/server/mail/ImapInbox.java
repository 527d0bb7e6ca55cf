package dev.leadline.server.mail;

import dev.leadline.core.nurture.InboundEmail;
import dev.leadline.core.nurture.NurtureResponses;
import dev.leadline.server.config.MailSettings;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the nurture mailbox over IMAP: each unseen message is classified (a delivery status
 * notification is a bounce, with the Message-ID of what bounced read from its attached headers; a message
 * marked {@code Auto-Submitted}, {@code X-Autoreply} or with an out-of-office subject is an automatic
 * reply; anything else is a reply), handed to {@link NurtureResponses}, and then flagged seen. Messages
 * that answer none of Leadline's emails are left as they are for people to read.
 */
public final class ImapInbox {
    private static final Logger log = LoggerFactory.getLogger(ImapInbox.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern ID = Pattern.compile("<[^>\\s]+>");
    private static final Pattern AUTO_SUBJECT = Pattern.compile("(?i)^\\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|abwesenheit|absence|auto:)");
    private static final int PER_POLL = 200;
    private final MailSettings.Server server;
    private final NurtureResponses responses;
    private final Clock clock;
    private final Session session;

    public ImapInbox(MailSettings.Server server, NurtureResponses responses, Clock clock) {
        this.server = server;
        this.responses = responses;
        this.clock = clock;
        Properties props = new Properties();
        String protocol = protocol();
        String p = "mail." + protocol + ".";
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "60000");
        props.put(p + "ssl.checkserveridentity", "true");
        // bodies are read with PEEK: mail that is not Leadline's stays unread for its people
        props.put(p + "peek", "true");
        if (server.tls().equals("starttls")) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        this.session = Session.getInstance(props);
    }

    private String protocol() {
        return server.tls().equals("tls") ? "imaps" : "imap";
    }

    /** Reads the unseen messages once; returns how many answered Leadline's emails. */
    public int poll() {
        int handled = 0;
        try (Store store = session.getStore(protocol())) {
            store.connect(server.host(), server.port(), server.user().orElse(""), server.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : Arrays.copyOf(unseen, Math.min(unseen.length, PER_POLL))) {
                    try {
                        InboundEmail mail = classify((MimeMessage) message);
                        if (responses.received(mail)) {
                            handled++;
                            message.setFlag(Flags.Flag.SEEN, true);
                        }
                    } catch (MessagingException | IOException | RuntimeException e) {
                        log.warn("a message in the nurture mailbox could not be read; it is left for people: {}", e.toString());
                    }
                }
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            log.warn("reading the nurture mailbox {}:{} failed; tried again at the next poll: {}", server.host(), server.port(), e.toString());
        }
        return handled;
    }

    InboundEmail classify(MimeMessage message) throws MessagingException, IOException {
        String messageId = message.getMessageID() != null ? message.getMessageID() : "<no-id-" + Integer.toHexString(
                (String.valueOf(message.getSentDate()) + message.getSubject() + Arrays.toString(message.getFrom())).hashCode()) + "@leadline>";
        String from = Optional.ofNullable(message.getFrom()).filter(a -> a.length > 0).map(a -> a[0] instanceof InternetAddress ia
                ? ia.getAddress() : a[0].toString()).orElse("");
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        if (isDeliveryReport(message)) {
            StringBuilder report = new StringBuilder();
            collect(message, report);
            List<String> bounced = new ArrayList<>();
            Matcher ids = MESSAGE_ID.matcher(report);
            while (ids.find()) {
                bounced.add(ids.group(1));
            }
            bounced.addAll(references(message));
            Matcher status = STATUS.matcher(report);
            return new InboundEmail(messageId, from, subject, InboundEmail.Kind.BOUNCE, bounced, status.find() ? status.group(1) : null,
                    clock.instant());
        }
        InboundEmail.Kind kind = isAutoReply(message, subject) ? InboundEmail.Kind.AUTO_REPLY : InboundEmail.Kind.REPLY;
        return new InboundEmail(messageId, from, subject, kind, references(message), null, clock.instant());
    }

    private static boolean isDeliveryReport(MimeMessage message) throws MessagingException {
        ContentType type = new ContentType(message.getContentType());
        return type.match("multipart/report") && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
    }

    private static boolean isAutoReply(MimeMessage message, String subject) throws MessagingException {
        String auto = header(message, "Auto-Submitted");
        String precedence = header(message, "Precedence");
        return auto != null && !auto.strip().equalsIgnoreCase("no")
                || header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null
                || precedence != null && List.of("auto_reply", "bulk", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT))
                || AUTO_SUBJECT.matcher(subject).find();
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, ",");
    }

    /** The Message-IDs a message answers (the newest 50: a long thread's References are oldest first). */
    private static List<String> references(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("In-Reply-To", "References")) {
            String value = header(message, name);
            if (value != null) {
                Matcher m = ID.matcher(value);
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        return ids.size() <= 50 ? ids : ids.subList(ids.size() - 50, ids.size());
    }

    /** The text of a report's parts: the status part and the returned message's headers (the first 64 KB of each). */
    private static void collect(Part part, StringBuilder out) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                collect(parts.getBodyPart(i), out);
            }
        } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage returned) {
            Optional.ofNullable(returned.getMessageID()).ifPresent(id -> out.append("\nMessage-ID: ").append(id).append('\n'));
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")) {
            try (InputStream in = part.getInputStream()) {
                out.append('\n').append(new String(in.readNBytes(65_536), StandardCharsets.UTF_8)).append('\n');
            }
        }
    }
}
