package dev.leadline.core.nurture;

/** Hands emails to a mail server. */
public interface Mailer {
    /** What came of handing one email over. */
    sealed interface Outcome {
        /** The server took it. */
        record Sent() implements Outcome {}

        /** Certainly not sent, and worth trying again later (the server could not be reached, or answered 4xx). */
        record Deferred(String reason) implements Outcome {}

        /** Certainly not sent, and never will be as it is (5xx: a refused recipient or sender). */
        record Refused(String reason) implements Outcome {}

        /** The connection broke while the message was being handed over: it may or may not have gone. */
        record Unknown(String reason) implements Outcome {}
    }

    Outcome send(OutgoingEmail email);

    /** Whether emails really leave (an SMTP server is set), or are only written to the log. */
    boolean delivers();
}
