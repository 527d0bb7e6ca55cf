package dev.leadline.server.routing;

import dev.leadline.core.common.FieldError;
import dev.leadline.server.config.ConfigProblem;
import dev.leadline.server.config.YamlMarks;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A rule set as someone typed it (YAML, or JSON, which YAML reads too), read with every problem at its
 * line: YAML that does not parse, keys given twice, and, through {@link #locate}, what the rules' own
 * check refuses at a key path. Hostile text is refused before it costs anything: over
 * {@value #MAX_CHARS} characters, nested deeper than {@value #MAX_DEPTH} levels, more than
 * {@value #MAX_ALIASES} aliases, or more than {@value #MAX_VALUES} values once aliases are expanded.
 */
public final class RulesDraft {
    public static final int MAX_CHARS = 100_000;
    static final int MAX_DEPTH = 30;
    static final int MAX_ALIASES = 20;
    static final int MAX_VALUES = 10_000;

    private final Map<String, Object> document;
    private final YamlMarks marks;
    private final List<ConfigProblem> problems;

    private RulesDraft(Map<String, Object> document, YamlMarks marks, List<ConfigProblem> problems) {
        this.document = document;
        this.marks = marks;
        this.problems = List.copyOf(problems);
    }

    public static RulesDraft read(String text) {
        if (text.length() > MAX_CHARS) {
            return refused(1, "is " + text.length() + " characters long; a rule set may have at most " + MAX_CHARS);
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS * 4);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return refused(mark == null ? 1 : mark.getLine() + 1, "is not valid YAML: " + plain(e.getProblem()));
        } catch (YAMLException e) {
            return refused(1, limit(e.getMessage()));
        }
        if (root == null) {
            return refused(1, "is empty; a rule set has entries and a default");
        }
        if (!(root instanceof MappingNode)) {
            return refused(root.getStartMark().getLine() + 1, "must be a rule set with entries and a default, not a single value or list");
        }
        YamlMarks marks = YamlMarks.of(root);
        List<ConfigProblem> problems = new ArrayList<>(marks.repeatedKeys());
        int[] budget = {MAX_VALUES};
        Object tree;
        try {
            tree = tree(root, 0, budget);
        } catch (IllegalArgumentException e) {
            return refused(1, e.getMessage());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) tree;
        document.remove("purpose");
        return new RulesDraft(document, marks, problems);
    }

    private static RulesDraft refused(int line, String message) {
        return new RulesDraft(null, null, List.of(new ConfigProblem(line, 1, "", message)));
    }

    /** Whether it reads as a rule set's tree (its rules may still be refused). */
    public boolean readable() {
        return problems.isEmpty();
    }

    /** The rule set as a tree of maps, lists and scalars; only when {@link #readable()}. */
    public Map<String, Object> document() {
        return document;
    }

    /** What stopped it from being read, each at its line. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The rules' own problems, by key path, each put at its line, in the order of the text. */
    public List<ConfigProblem> locate(List<FieldError> errors) {
        List<ConfigProblem> located = new ArrayList<>();
        for (FieldError error : errors) {
            YamlMarks.Position at = marks.at(error.field());
            located.add(new ConfigProblem(at.line(), at.column(), error.field(), error.message()));
        }
        located.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return located;
    }

    /** One line per problem: {@code line 7: default.queue: no queue named 'Nope'}. */
    public static String describe(ConfigProblem problem) {
        return "line " + problem.line() + ": " + (problem.path().isEmpty() ? "the rule set" : problem.path()) + " " + problem.message();
    }

    private static Object tree(Node node, int depth, int[] budget) {
        if (--budget[0] < 0) {
            throw new IllegalArgumentException("expands to more than " + MAX_VALUES + " values (through its aliases); write the rule set out");
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple entry : map.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    throw new IllegalArgumentException("has a key on line " + (entry.getKeyNode().getStartMark().getLine() + 1)
                            + " that is not a plain name");
                }
                out.putIfAbsent(key.getValue(), tree(entry.getValueNode(), depth + 1, budget));
            }
            return out;
        } else if (node instanceof SequenceNode list) {
            List<Object> out = new ArrayList<>();
            for (Node item : list.getValue()) {
                out.add(tree(item, depth + 1, budget));
            }
            return out;
        }
        return scalar((ScalarNode) node);
    }

    /** Numbers, true and false, and null as JSON has them; anything else (NO, on, 2026-12-01) stays text. */
    private static Object scalar(ScalarNode node) {
        String value = node.getValue();
        Tag tag = node.getTag();
        try {
            if (Tag.INT.equals(tag)) {
                return Long.valueOf(value.replace("_", ""));
            } else if (Tag.FLOAT.equals(tag)) {
                return Double.valueOf(value.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        if (Tag.BOOL.equals(tag) && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return value;
    }

    private static String limit(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("alias")) {
            return "uses more than " + MAX_ALIASES + " aliases";
        } else if (text.contains("nesting")) {
            return "is nested more than " + MAX_DEPTH + " levels deep";
        } else if (text.contains("code point")) {
            return "is too long; a rule set may have at most " + MAX_CHARS + " characters";
        }
        return "is not valid YAML";
    }

    private static String plain(String problem) {
        if (problem == null) {
            return "it cannot be read";
        }
        if (problem.contains("\\t")) {
            return "a tab character; indent with spaces";
        }
        return problem.toLowerCase(Locale.ROOT).contains("tag") ? "a tag (!!name or !name); rule sets take plain values only" : problem;
    }
}
