package dev.leadline.server.config;

/** One problem in leadline.yml: where it stands (from 1), the key path it concerns (empty for the file itself) and what is wrong. */
public record ConfigProblem(int line, int column, String path, String message) {

    /** {@code leadline.yml:14:7 queues[1].members[0]: no rep with email omar@example.com}. */
    public String describe(String file) {
        return file + ":" + line + ":" + column + " " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
