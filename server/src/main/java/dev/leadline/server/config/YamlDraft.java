package dev.leadline.server.config;

import dev.leadline.core.common.FieldError;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
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
 * A document someone typed in the console (YAML, or JSON, which YAML reads too: a rule set, a cadence), read
 * with every problem at its line: YAML that does not parse, keys given twice, and, through {@link #locate},
 * what the document's own check refuses at a key path. Hostile text is refused before it costs anything:
 * over {@value #MAX_CHARS} characters, nested deeper than {@value #MAX_DEPTH} levels, more than
 * {@value #MAX_ALIASES} aliases, or more than {@value #MAX_VALUES} values once aliases are expanded.
 * Numbers come out as Jackson reads them (an {@code Integer} when it fits), so a draft checks as the API's body does.
 */
public final class YamlDraft {
    public static final int MAX_CHARS = 100_000;
    static final int MAX_DEPTH = 30;
    static final int MAX_ALIASES = 20;
    static final int MAX_VALUES = 10_000;
    /** A problem inside a text value, as merge templates name it: {@code line 3: unknown merge field ...}. */
    private static final Pattern TEXT_LINE = Pattern.compile("^line (\\d{1,6}): ");

    /** What is typed, in words: {@code rule set} (a rule set, rule sets) and what it holds ({@code entries and a default}). */
    public record Kind(String noun, String holds) {}

    private final Map<String, Object> document;
    private final YamlMarks marks;
    private final Map<String, TextAt> texts;
    private final List<ConfigProblem> problems;

    /** Where a text value starts: a {@code |} block's indicator line ({@code block}: its lines follow), else the one line it is on. */
    private record TextAt(int line, boolean block) {
        int line(int inText) {
            return block ? line + inText : line;
        }
    }

    private YamlDraft(Map<String, Object> document, YamlMarks marks, Map<String, TextAt> texts, List<ConfigProblem> problems) {
        this.document = document;
        this.marks = marks;
        this.texts = texts;
        this.problems = List.copyOf(problems);
    }

    public static YamlDraft read(String text, Kind kind) {
        if (text.length() > MAX_CHARS) {
            return refused(1, "is " + text.length() + " characters long; a " + kind.noun() + " may have at most " + MAX_CHARS);
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
            return refused(mark == null ? 1 : mark.getLine() + 1, "is not valid YAML: " + plain(e.getProblem(), kind));
        } catch (YAMLException e) {
            return refused(1, limit(e.getMessage(), kind));
        }
        if (root == null) {
            return refused(1, "is empty; a " + kind.noun() + " has " + kind.holds());
        }
        if (!(root instanceof MappingNode)) {
            return refused(root.getStartMark().getLine() + 1, "must be a " + kind.noun() + " with " + kind.holds() + ", not a single value or list");
        }
        YamlMarks marks = YamlMarks.of(root);
        Map<String, TextAt> texts = new HashMap<>();
        Object tree;
        try {
            tree = new Walk(kind, texts).tree(root, "", 0);
        } catch (IllegalArgumentException e) {
            return refused(1, e.getMessage());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) tree;
        return new YamlDraft(document, marks, texts, marks.repeatedKeys());
    }

    private static YamlDraft refused(int line, String message) {
        return new YamlDraft(null, null, Map.of(), List.of(new ConfigProblem(line, 1, "", message)));
    }

    /** Whether it reads as a tree (the document's own check may still refuse it). */
    public boolean readable() {
        return problems.isEmpty();
    }

    /** The document as a tree of maps, lists and scalars; only when {@link #readable()}. */
    public Map<String, Object> document() {
        return document;
    }

    /** What stopped it from being read, each at its line. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * The document's own problems, by key path, each put at its line, in the order of the text. A problem
     * at a line of a text value ({@code line 3: ...}) is put at that line when the value is written on one
     * line or as a {@code |} block, whose lines are the text's own.
     */
    public List<ConfigProblem> locate(List<FieldError> errors) {
        List<ConfigProblem> located = new ArrayList<>();
        for (FieldError error : errors) {
            YamlMarks.Position at = marks.at(error.field());
            Matcher inText = TEXT_LINE.matcher(error.message());
            TextAt text = texts.get(error.field());
            int line = text != null && inText.find() ? text.line(Integer.parseInt(inText.group(1))) : at.line();
            located.add(new ConfigProblem(line, line == at.line() ? at.column() : 1, error.field(), error.message()));
        }
        located.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return located;
    }

    /** Builds the tree within its budget, noting where each text value written as a block or on one line is. */
    private static final class Walk {
        private final Kind kind;
        private final Map<String, TextAt> texts;
        private int budget = MAX_VALUES;

        Walk(Kind kind, Map<String, TextAt> texts) {
            this.kind = kind;
            this.texts = texts;
        }

        Object tree(Node node, String path, int depth) {
            if (--budget < 0) {
                throw new IllegalArgumentException("expands to more than " + MAX_VALUES + " values (through its aliases); write the "
                        + kind.noun() + " out");
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
                    String here = YamlMarks.child(path, key.getValue());
                    if (!out.containsKey(key.getValue())) {
                        out.put(key.getValue(), tree(entry.getValueNode(), here, depth + 1));
                    }
                }
                return out;
            } else if (node instanceof SequenceNode list) {
                List<Object> out = new ArrayList<>();
                for (Node item : list.getValue()) {
                    out.add(tree(item, path + "[" + out.size() + "]", depth + 1));
                }
                return out;
            }
            ScalarNode scalar = (ScalarNode) node;
            int line = scalar.getStartMark().getLine() + 1;
            if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL) {
                texts.putIfAbsent(path, new TextAt(line, true));
            } else if (scalar.getEndMark() != null && scalar.getEndMark().getLine() + 1 == line) {
                texts.putIfAbsent(path, new TextAt(line, false));
            }
            return scalar(scalar);
        }
    }

    /** Numbers, true and false, and null as JSON has them; anything else (NO, on, 2026-12-01) stays text. */
    private static Object scalar(ScalarNode node) {
        String value = node.getValue();
        Tag tag = node.getTag();
        try {
            if (Tag.INT.equals(tag)) {
                long number = Long.parseLong(value.replace("_", ""));
                if (number == (int) number) {
                    return Integer.valueOf((int) number);
                }
                return Long.valueOf(number);
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

    private static String limit(String message, Kind kind) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("alias")) {
            return "uses more than " + MAX_ALIASES + " aliases";
        } else if (text.contains("nesting")) {
            return "is nested more than " + MAX_DEPTH + " levels deep";
        } else if (text.contains("code point")) {
            return "is too long; a " + kind.noun() + " may have at most " + MAX_CHARS + " characters";
        }
        return "is not valid YAML";
    }

    private static String plain(String problem, Kind kind) {
        if (problem == null) {
            return "it cannot be read";
        }
        if (problem.contains("\\t")) {
            return "a tab character; indent with spaces";
        }
        return problem.toLowerCase(Locale.ROOT).contains("tag") ? "a tag (!!name or !name); " + kind.noun() + "s take plain values only" : problem;
    }
}
