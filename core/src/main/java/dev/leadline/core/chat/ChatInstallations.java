package dev.leadline.core.chat;

import java.time.Instant;
import java.util.Optional;

/** Where chat apps are installed (multi-workspace mode), and the one-time states of install flows in progress. */
public interface ChatInstallations {
    /** Stores the installation, replacing the workspace's previous one. */
    void save(ChatInstallation installation);

    Optional<ChatInstallation> find(String platform, String enterpriseId, String workspaceId);

    /** Forgets the workspace's installation (the app was uninstalled or its tokens revoked). */
    void delete(String platform, String enterpriseId, String workspaceId);

    /** Remembers an install flow's state until it expires. */
    void issueState(String state, Instant expiresAt);

    /** Whether the state was issued and has not expired or been used. */
    boolean stateValid(String state, Instant now);

    void consumeState(String state);
}
