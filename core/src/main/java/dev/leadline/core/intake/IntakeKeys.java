package dev.leadline.core.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Intake keys name the source record a lead came from, so that the same record arriving again is
 * recognised: {@code ext:<external id>} when the source has an id, otherwise {@code row:<sha-256>}
 * of the row's values.
 */
final class IntakeKeys {
    private IntakeKeys() {}

    static String external(String externalId) {
        return "ext:" + externalId;
    }

    static String row(List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String value : values) {
                digest.update((value == null ? "" : value.strip()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return "row:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
