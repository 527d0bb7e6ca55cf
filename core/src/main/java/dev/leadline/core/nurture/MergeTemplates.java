package dev.leadline.core.nurture;

import java.util.Map;

/**
 * Merge templates of a cadence's emails, chat nudges and task titles. When a cadence is saved they are
 * checked: the syntax, and that every merge field is one the lead, its owner or its account has (a
 * problem is refused with the line it is on). When a step runs they are rendered with the lead's
 * {@link MergeFields}.
 */
public interface MergeTemplates {
    /** Throws {@link dev.leadline.core.common.ValidationException} naming {@code field} and the line when the template is wrong. */
    void check(String field, String template);

    /** The template filled in; with {@code html} every merged value is escaped for HTML (the template's own text is not). */
    String render(String template, Map<String, Object> fields, boolean html);
}
