package dev.leadline.server.console;

import java.util.List;

/** What the console's templates show: plain values, already in words. */
public final class Views {
    private Views() {}

    /** Who is signed in, and the token every form of the page carries. */
    public record Me(String name, String email, String csrf) {
        /** htmx sends these headers with every request it makes: the CSRF token. */
        public String htmxHeaders() {
            return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
        }
    }

    /** One entry of the view navigation: a built-in view or a queue, with its count. */
    public record ViewLink(String title, String href, long count, boolean current) {}

    public record Row(String id, String name, String company, String status, String score, String owner) {}

    /** A page of a list; {@code listUrl} reloads it (live updates), {@code nextUrl} is the next page or empty. */
    public record LeadList(String title, List<Row> rows, String listUrl, String nextUrl) {}

    public record Field(String label, String value) {}

    public record Reason(String provider, String points, String text) {}

    public record Entry(String at, String summary, String actor) {}

    public record LeadPage(String id, String name, String status, String owner, String queue, String score, List<Field> fields,
                           List<Reason> reasons, List<Entry> timeline, boolean claimable, String message, boolean refused) {}
}
