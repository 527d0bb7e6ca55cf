package dev.leadline.server.routing;

import dev.leadline.core.common.FieldError;
import dev.leadline.server.config.ConfigProblem;
import dev.leadline.server.config.YamlDraft;
import java.util.List;
import java.util.Map;

/**
 * A rule set as someone typed it (YAML, or JSON, which YAML reads too), read with every problem at its
 * line by {@link YamlDraft}: YAML that does not parse, keys given twice, hostile text (too long, too
 * deep, too many aliases), and, through {@link #locate}, what the rules' own check refuses at a key path.
 */
public final class RulesDraft {
    public static final int MAX_CHARS = YamlDraft.MAX_CHARS;
    private static final YamlDraft.Kind RULE_SET = new YamlDraft.Kind("rule set", "entries and a default");

    private final YamlDraft draft;

    private RulesDraft(YamlDraft draft) {
        this.draft = draft;
    }

    public static RulesDraft read(String text) {
        YamlDraft draft = YamlDraft.read(text, RULE_SET);
        if (draft.readable()) {
            draft.document().remove("purpose");
        }
        return new RulesDraft(draft);
    }

    /** Whether it reads as a rule set's tree (its rules may still be refused). */
    public boolean readable() {
        return draft.readable();
    }

    /** The rule set as a tree of maps, lists and scalars; only when {@link #readable()}. */
    public Map<String, Object> document() {
        return draft.document();
    }

    /** What stopped it from being read, each at its line. */
    public List<ConfigProblem> problems() {
        return draft.problems();
    }

    /** The rules' own problems, by key path, each put at its line, in the order of the text. */
    public List<ConfigProblem> locate(List<FieldError> errors) {
        return draft.locate(errors);
    }

    /** One line per problem: {@code line 7: default.queue: no queue named 'Nope'}. */
    public static String describe(ConfigProblem problem) {
        return "line " + problem.line() + ": " + (problem.path().isEmpty() ? "the rule set" : problem.path()) + " " + problem.message();
    }
}
