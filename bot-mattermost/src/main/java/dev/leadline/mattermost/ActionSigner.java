package dev.leadline.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a button's action and lead, so that a click Leadline acts on came from a card it drew
 * (Mattermost sends the context back as it was; it does not sign the request itself).
 */
final class ActionSigner {
    private final SecretKeySpec key;

    ActionSigner(String secret) {
        this.key = new SecretKeySpec(("leadline-mattermost-action:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String sign(String action, String lead) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // the action's length first: no other split of the same text signs the same
            return HexFormat.of().formatHex(mac.doFinal((action.length() + ":" + action + "\n" + lead).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean valid(String action, String lead, String signature) {
        return action != null && lead != null && signature != null
                && MessageDigest.isEqual(sign(action, lead).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
