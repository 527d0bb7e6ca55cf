package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CHAT_INSTALLATION;
import static dev.leadline.db.jooq.Tables.OAUTH_STATE;

import dev.leadline.core.chat.ChatInstallation;
import dev.leadline.core.chat.ChatInstallations;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Chat installations and install-flow states in MariaDB. */
public final class JooqChatInstallations implements ChatInstallations {
    private final DSLContext dsl;

    public JooqChatInstallations(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(ChatInstallation i) {
        dsl.insertInto(CHAT_INSTALLATION)
                .set(CHAT_INSTALLATION.PLATFORM, i.platform()).set(CHAT_INSTALLATION.ENTERPRISE_ID, i.enterpriseId())
                .set(CHAT_INSTALLATION.WORKSPACE_ID, i.workspaceId()).set(CHAT_INSTALLATION.BOT_TOKEN, i.botToken())
                .set(CHAT_INSTALLATION.BOT_USER_ID, i.botUserId()).set(CHAT_INSTALLATION.BOT_ID, i.botId())
                .set(CHAT_INSTALLATION.SCOPES, i.scopes()).set(CHAT_INSTALLATION.INSTALLER_USER_ID, i.installerUserId())
                .set(CHAT_INSTALLATION.INSTALLED_AT, Times.toDb(i.installedAt()))
                .onDuplicateKeyUpdate()
                .set(CHAT_INSTALLATION.BOT_TOKEN, i.botToken()).set(CHAT_INSTALLATION.BOT_USER_ID, i.botUserId())
                .set(CHAT_INSTALLATION.BOT_ID, i.botId()).set(CHAT_INSTALLATION.SCOPES, i.scopes())
                .set(CHAT_INSTALLATION.INSTALLER_USER_ID, i.installerUserId()).set(CHAT_INSTALLATION.INSTALLED_AT, Times.toDb(i.installedAt()))
                .execute();
    }

    @Override
    public Optional<ChatInstallation> find(String platform, String enterpriseId, String workspaceId) {
        return dsl.selectFrom(CHAT_INSTALLATION).where(CHAT_INSTALLATION.PLATFORM.eq(platform))
                .and(CHAT_INSTALLATION.ENTERPRISE_ID.eq(enterpriseId == null ? "" : enterpriseId))
                .and(CHAT_INSTALLATION.WORKSPACE_ID.eq(workspaceId))
                .fetchOptional(r -> new ChatInstallation(r.getPlatform(), r.getEnterpriseId(), r.getWorkspaceId(), r.getBotToken(),
                        r.getBotUserId(), r.getBotId(), r.getScopes(), r.getInstallerUserId(), Times.fromDb(r.getInstalledAt())));
    }

    @Override
    public void delete(String platform, String enterpriseId, String workspaceId) {
        dsl.deleteFrom(CHAT_INSTALLATION).where(CHAT_INSTALLATION.PLATFORM.eq(platform))
                .and(CHAT_INSTALLATION.ENTERPRISE_ID.eq(enterpriseId == null ? "" : enterpriseId))
                .and(CHAT_INSTALLATION.WORKSPACE_ID.eq(workspaceId)).execute();
    }

    @Override
    public void issueState(String state, Instant expiresAt) {
        dsl.insertInto(OAUTH_STATE).set(OAUTH_STATE.STATE, state).set(OAUTH_STATE.EXPIRES_AT, Times.toDb(expiresAt)).execute();
    }

    @Override
    public boolean stateValid(String state, Instant now) {
        return state != null && dsl.fetchExists(OAUTH_STATE, OAUTH_STATE.STATE.eq(state).and(OAUTH_STATE.EXPIRES_AT.gt(Times.toDb(now))));
    }

    @Override
    public void consumeState(String state) {
        dsl.deleteFrom(OAUTH_STATE).where(OAUTH_STATE.STATE.eq(state)).execute();
    }
}
