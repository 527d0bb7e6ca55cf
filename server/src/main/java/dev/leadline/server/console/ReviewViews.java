package dev.leadline.server.console;

import java.util.List;

/** What the Duplicates review and the merge screens show: plain values, already in words. */
public final class ReviewViews {
    private ReviewViews() {}

    /** One lead of a pair, as its heading names it. */
    public record Side(String id, String name, String status, String owner) {}

    /** One field of the two leads side by side; {@code same} when they agree. */
    public record Compare(String label, String left, String right, boolean same) {}

    /** An open flag: the lead stored later, the one it looks like, how sure, what matched, and the two field by field. */
    public record PairRow(Side lead, Side like, String score, String matched, List<Compare> fields, String mergeUrl) {}

    /** A page of the review; {@code nextUrl} is the next page or empty. */
    public record ReviewPage(List<PairRow> pairs, String nextUrl, String message, boolean refused) {}

    /** One lead's value for a field, as a radio button of the merge screen. */
    public record Option(String leadId, String value, boolean checked) {}

    /** A field the two leads differ on: the form parameter and the choice of source. */
    public record FieldChoice(String param, String label, List<Option> options) {}

    /**
     * The merge screen: both leads, the survivor, the fields to choose, the merged lead's preview;
     * {@code mergeable} is false when the two are one already.
     */
    public record MergePage(Side one, Side two, String survivor, List<FieldChoice> choices, List<Views.Field> preview, String message,
                            boolean refused, boolean mergeable) {}

    /** The survivor after a merge, offering to undo it when {@code undoable}. */
    public record MergedPage(Side lead, List<Views.Field> fields, String message, boolean refused, boolean undoable) {}
}
