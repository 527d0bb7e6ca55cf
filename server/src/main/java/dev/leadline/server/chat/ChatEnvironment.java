package dev.leadline.server.chat;

import java.util.Optional;

/**
 * The environment as a chat platform reads its section of it: values stripped, blank ones unset, and
 * each problem reported, naming its variable, beside the server's own so that start-up fails with all of them.
 */
public interface ChatEnvironment {
    /** The variable's value, stripped; empty when it is unset or blank. */
    Optional<String> optional(String name);

    /** {@code true} or {@code false} in any case; the fallback when unset, and a problem when it is anything else. */
    boolean flag(String name, boolean fallback);

    /** Reports what is wrong; the message names the variable. */
    void problem(String message);
}
