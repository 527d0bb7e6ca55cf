package dev.leadline.server.cli;

import dev.leadline.core.common.ValidationException;
import dev.leadline.server.Main;
import dev.leadline.server.chat.ChatPlatform;
import dev.leadline.server.config.Config;
import dev.leadline.teams.TeamsAppPackage;
import dev.leadline.teams.TeamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leadline teams-package [--out F]}: the Teams app package for the bot configured by TEAMS_APP_ID. */
@Command(name = "teams-package", description = "Write the Teams app package (manifest and icons) for the configured bot, ready to upload.")
public final class TeamsPackageCommand implements Runnable {
    @Option(names = "--out", description = "Where to write the zip (default: leadline-teams-app.zip).")
    Path out = Path.of("leadline-teams-app.zip");

    @Override
    public void run() {
        Config config = Config.fromEnvironment(CliEnvironment.get());
        String appId = ChatPlatform.Setup.find(config.chat(), TeamsSettings.class).map(TeamsSettings::appId)
                .filter(id -> !id.isBlank()).orElseThrow(() ->
                        new ValidationException("TEAMS_APP_ID", "set TEAMS_APP_ID (the Azure Bot's Microsoft App ID) to build the Teams app package"));
        try {
            TeamsAppPackage.write(out, appId, Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("0.1.0"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
        }
        System.out.println(out.toAbsolutePath());
        System.err.println("upload it in Teams: Apps → Manage your apps → Upload an app (or in the Teams admin center)");
    }
}
