package dev.leadline.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.service.OAuthStateService;
import dev.leadline.core.chat.ChatInstallation;
import dev.leadline.core.chat.ChatInstallations;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Bolt's installation and OAuth-state stores (Bolt ships none for a database) on the
 * {@link ChatInstallations} port, kept in MariaDB. One bot per workspace; install-flow states live
 * ten minutes and are used once.
 */
public final class SlackInstallations implements InstallationService, OAuthStateService {
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private final ChatInstallations store;
    private final Clock clock;

    public SlackInstallations(ChatInstallations store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The bot token for a workspace, when the app is installed there. */
    public Optional<String> botToken(String enterpriseId, String teamId) {
        return store.find(SlackPeople.PLATFORM, enterpriseId, teamId).map(ChatInstallation::botToken);
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        // one installation per workspace is all Leadline keeps
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        store.save(new ChatInstallation(SlackPeople.PLATFORM, installer.getEnterpriseId(), installer.getTeamId(),
                installer.getBotAccessToken(), installer.getBotUserId(), installer.getBotId(), installer.getBotScope(),
                installer.getInstallerUserId(), clock.instant()));
    }

    @Override
    public void deleteBot(Bot bot) {
        store.delete(SlackPeople.PLATFORM, bot.getEnterpriseId(), bot.getTeamId());
    }

    @Override
    public void deleteInstaller(Installer installer) {
        store.delete(SlackPeople.PLATFORM, installer.getEnterpriseId(), installer.getTeamId());
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        store.delete(SlackPeople.PLATFORM, enterpriseId, teamId);
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return store.find(SlackPeople.PLATFORM, enterpriseId, teamId).map(i -> {
            DefaultBot bot = new DefaultBot();
            bot.setEnterpriseId(i.enterpriseId().isEmpty() ? null : i.enterpriseId());
            bot.setTeamId(i.workspaceId());
            bot.setBotAccessToken(i.botToken());
            bot.setBotUserId(i.botUserId());
            bot.setBotId(i.botId());
            bot.setBotScope(i.scopes());
            bot.setInstalledAt(i.installedAt().toEpochMilli());
            return (Bot) bot;
        }).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return store.find(SlackPeople.PLATFORM, enterpriseId, teamId).map(i -> {
            DefaultInstaller installer = new DefaultInstaller();
            installer.setEnterpriseId(i.enterpriseId().isEmpty() ? null : i.enterpriseId());
            installer.setTeamId(i.workspaceId());
            installer.setInstallerUserId(i.installerUserId());
            installer.setBotAccessToken(i.botToken());
            installer.setBotUserId(i.botUserId());
            installer.setBotId(i.botId());
            installer.setBotScope(i.scopes());
            installer.setInstalledAt(i.installedAt().toEpochMilli());
            return (Installer) installer;
        }).orElse(null);
    }

    /** What someone in a workspace without the app hears when they use a command or button. */
    @Override
    public String getInstallationGuideText(String enterpriseId, String teamId, String userId) {
        return "Leadline is not installed in this Slack workspace. A workspace admin can install it from "
                + SlackApp.INSTALL_PATH + " on your Leadline server.";
    }

    @Override
    public long getExpirationInSeconds() {
        return STATE_LIFETIME.toSeconds();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        store.issueState(state, clock.instant().plus(STATE_LIFETIME));
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return store.stateValid(state, clock.instant());
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        store.consumeState(state);
    }
}
