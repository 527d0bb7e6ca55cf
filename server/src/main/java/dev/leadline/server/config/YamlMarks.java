package dev.leadline.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each key path of a YAML document starts ({@code queues[1].members[0]} → line 14, column 7), so a
 * problem found in the bound values can point at its line. A map entry stands at its key, a list item
 * at its value. Keys given twice in one map are problems of their own.
 */
public final class YamlMarks {
    /** A position in the file, counted from 1. */
    public record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    private final Map<String, Position> byPath = new LinkedHashMap<>();
    private final List<ConfigProblem> repeatedKeys = new ArrayList<>();

    private YamlMarks() {}

    public static YamlMarks of(Node root) {
        YamlMarks marks = new YamlMarks();
        marks.byPath.put("", Position.START);
        if (root != null) {
            marks.walk(root, "", 0);
        }
        return marks;
    }

    /** The position of the path, or of the nearest enclosing path the file has. */
    public Position at(String path) {
        String p = path;
        while (!byPath.containsKey(p)) {
            p = parent(p);
        }
        return byPath.get(p);
    }

    public List<ConfigProblem> repeatedKeys() {
        return repeatedKeys;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String parent(String path) {
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private void walk(Node node, String path, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple entry : map.getValue()) {
                if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String here = child(path, key.getValue());
                Position position = position(key);
                Position earlier = byPath.putIfAbsent(here, position);
                if (earlier != null) {
                    repeatedKeys.add(new ConfigProblem(position.line(), position.column(), here, "is given twice (first on line " + earlier.line() + ")"));
                } else {
                    walk(entry.getValueNode(), here, depth + 1);
                }
            }
        } else if (node instanceof SequenceNode list) {
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                String here = path + "[" + i + "]";
                byPath.put(here, position(item));
                walk(item, here, depth + 1);
            }
        }
    }

    private static Position position(Node node) {
        return new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
