package dev.leadline.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * The Teams app package to upload (Teams admin center, or "Upload a custom app"): {@code manifest.json}
 * from {@code docs/teams} with the bot's Microsoft App ID filled in, and the two icons, all at the
 * zip's root. The Teams app id is derived from the bot id, so the same registration always makes
 * the same app (an upload then updates it).
 */
public final class TeamsAppPackage {
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Map<String, Integer> ICONS = Map.of("color.png", 192, "outline.png", 32);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TeamsAppPackage() {}

    /** Writes the package for this bot; {@code version} is the app's semantic version (e.g. 0.1.0). */
    public static void write(Path zip, String botAppId, String version) throws IOException {
        if (botAppId == null || !GUID.matcher(botAppId).matches()) {
            throw new IllegalArgumentException("the Teams app package needs the Azure Bot's Microsoft App ID (a GUID; TEAMS_APP_ID), got '"
                    + botAppId + "'");
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(resource("manifest.json"));
        manifest.put("id", UUID.nameUUIDFromBytes(("leadline-teams-app:" + botAppId.toLowerCase()).getBytes(StandardCharsets.UTF_8)).toString());
        manifest.put("version", version.replaceFirst("-.*$", ""));
        ((ObjectNode) manifest.withArray("bots").get(0)).put("botId", botAppId);
        if (zip.getParent() != null) {
            Files.createDirectories(zip.getParent());
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream files = new ZipOutputStream(out)) {
            files.putNextEntry(new ZipEntry("manifest.json"));
            files.write(JSON.writeValueAsBytes(manifest));
            files.closeEntry();
            for (Map.Entry<String, Integer> icon : ICONS.entrySet()) {
                byte[] png = resource(icon.getKey());
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                if (image == null || image.getWidth() != icon.getValue() || image.getHeight() != icon.getValue()) {
                    throw new IllegalStateException(icon.getKey() + " must be a " + icon.getValue() + "×" + icon.getValue() + " PNG");
                }
                files.putNextEntry(new ZipEntry(icon.getKey()));
                files.write(png);
                files.closeEntry();
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TeamsAppPackage.class.getResourceAsStream("/teams/" + name)) {
            if (in == null) {
                throw new IllegalStateException("teams/" + name + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    /**
     * {@code TeamsAppPackage <zip> [app id] [version]}: the build runs this; without an app id (argument
     * or {@code TEAMS_APP_ID}) there is nothing to package and it says so.
     */
    public static void main(String[] args) throws IOException {
        Path zip = Path.of(args[0]);
        String appId = args.length > 1 && args[1] != null && GUID.matcher(args[1]).matches() ? args[1] : System.getenv("TEAMS_APP_ID");
        String version = args.length > 2 && args[2] != null ? args[2] : "0.1.0";
        if (appId == null || appId.isBlank()) {
            Files.deleteIfExists(zip); // never leave a package for another app id behind
            System.out.println("Teams app package skipped: set TEAMS_APP_ID (or -Dteams.appId=<Microsoft App ID>) to build " + zip);
            return;
        }
        write(zip, appId.strip(), version);
        System.out.println("Teams app package written: " + zip.toAbsolutePath());
    }
}
