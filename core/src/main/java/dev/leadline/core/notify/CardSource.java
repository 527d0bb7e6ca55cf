package dev.leadline.core.notify;

/** The card a notification shows, as it is when it is sent. */
@FunctionalInterface
public interface CardSource {
    Card current(Notification notification);
}
