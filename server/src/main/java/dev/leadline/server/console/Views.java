package dev.leadline.server.console;

import java.util.List;
import java.util.Locale;

/** What the console's templates show: plain values, already in words. */
public final class Views {
    private Views() {}

    /** The signed-in rep; {@code manager} and {@code admin} say which header links they get (the pages check again). */
    public record Me(String name, String email, String csrf, boolean manager, boolean admin) {
        public Me(String name, String email, String csrf) {
            this(name, email, csrf, false, false);
        }

        /** htmx sends these headers with every request it makes: the CSRF token. */
        public String htmxHeaders() {
            return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
        }
    }

    /** One entry of the view navigation: a built-in view or a queue, with its count. */
    public record ViewLink(String title, String href, long count, boolean current) {
        /** A count not counted yet is {@code -1}: My work shows "…" until its counts arrive. */
        public String countText() {
            return count < 0 ? "…" : Long.toString(count);
        }
    }

    public record Row(String id, String name, String company, String status, String score, String owner) {}

    /** A page of a list; {@code listUrl} reloads it (live updates), {@code nextUrl} is the next page or empty. */
    public record LeadList(String title, List<Row> rows, String listUrl, String nextUrl) {}

    public record Field(String label, String value) {}

    public record Reason(String provider, String points, String text) {}

    public record Entry(String at, String summary, String actor) {}

    /**
     * The lead's page; {@code actions} are those the viewer may take now, each a form drawn from core's
     * form for it (a button alone when it asks for nothing).
     */
    public record LeadPage(String id, String name, String status, String owner, String queue, String score, List<Field> fields,
                           List<Reason> reasons, List<Entry> timeline, List<Action> actions, String message, boolean refused) {}

    /** One action on the lead as a form posted to {@code href}; {@code open} when it comes back with problems. */
    public record Action(String wire, String label, String style, String submit, String intro, String href, List<Input> inputs,
                         boolean open) {
        public boolean hasInputs() {
            return !inputs.isEmpty();
        }
    }

    /**
     * One labelled input of an action's form. {@code kind} is {@code select}, {@code textarea}, {@code checkbox}
     * or an {@code <input>} type; limits that do not apply are null. {@code problem} is empty when the value fits.
     */
    public record Input(String id, String name, String label, String kind, boolean required, String value, Integer min, Integer max,
                        Integer maxLength, List<Option> options, String statement, String problem) {
        public String problemId() {
            return id + "-problem";
        }

        public boolean invalid() {
            return !problem.isEmpty();
        }

        public boolean checked() {
            return "true".equals(value);
        }
    }

    public record Option(String value, String label, boolean selected) {}

    /** {@code firstName} as "First name". */
    static String words(String name) {
        String spaced = name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /**
     * The lead page's sections under its panel: enrichment provenance, plugin writes and failures, the
     * routing decision ({@code null}: never routed) and look-alikes.
     */
    public record LeadMore(List<Enriched> enriched, List<Written> written, List<Failure> failures, Routing routing,
                           List<LookAlike> lookAlikes, Files files) {}

    /**
     * The lead's files, newest first; {@code mayChange} when the viewer may upload and remove them (the
     * lead's owner or a manager), {@code limit} the largest file in words.
     */
    public record Files(List<FileRow> rows, boolean mayChange, String uploadHref, String limit) {}

    /** One file: its size in words, who attached it when, and where to download it and to remove it. */
    public record FileRow(String name, String size, String type, String addedBy, String addedAt, String href, String removeHref) {}

    public record Enriched(String field, String value, String provider, String confidence, String at) {}

    public record Written(String field, String value, String before, String plugin, String at) {}

    public record Failure(String provider, String message, String at) {}

    /** Why routing sent the lead where it went: the rule set, the entry that matched and why, each queue tried. */
    public record Routing(String outcome, String rules, String entry, List<String> because, String at, List<QueueTried> queues) {}

    public record QueueTried(String queue, String strategy, String result, List<Considered> candidates) {}

    /** A member as routing considered them: chosen, eligible or skipped, and why skipped. */
    public record Considered(String rep, String verdict, String reason, String weight) {}

    public record LookAlike(String id, String name, String company, String score, String matched, String mergeHref) {}

    /** A size as people read it: {@code 812 bytes}, {@code 14.2 KB}, {@code 3.5 MB} (units of 1,024). */
    public static String bytes(long size) {
        if (size < 1024) {
            return size + (size == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** A custom view on My work; its count is loaded after the page from {@code countUrl}; {@code deleteHref} only on the rep's own. */
    public record CustomViewLink(String name, String href, String countUrl, boolean current, String deleteHref) {}

    /** My work's search (what was typed, a problem with it) and its save-as-view form (what was typed, the problems). */
    public record Search(String q, String problem, List<Field> saveProblems, String saveName, String saveField, String saveOp,
                         String saveValue) {}
}
