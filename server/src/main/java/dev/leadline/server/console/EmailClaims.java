package dev.leadline.server.console;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

/**
 * The rep is found by the email the identity provider vouches for: the {@code email} claim with
 * {@code email_verified} true. A provider that leaves {@code email_verified} out (Entra ID does) is
 * believed only when the administrator says so ({@code LEADLINE_OIDC_TRUST_EMAIL=true}), since anyone
 * who may set their own email there could otherwise sign in as any rep.
 */
final class EmailClaims {
    private EmailClaims() {}

    static OidcClient.Identity verifiedEmail(IDTokenClaimsSet claims, boolean trustWithoutVerified) {
        Object email = claims.getClaim("email");
        if (!(email instanceof String address) || address.isBlank()) {
            return new OidcClient.Identity.Refused(403, "The identity provider did not tell us your email (the ID token has no email claim). "
                    + "Ask your administrator to grant Leadline the email scope.");
        }
        Object verified = claims.getClaim("email_verified");
        // some providers send the flag as a string
        boolean isTrue = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (verified == null && !trustWithoutVerified) {
            return new OidcClient.Identity.Refused(403, "The identity provider did not say whether " + address + " is verified, so Leadline "
                    + "cannot sign you in with it. An administrator can set LEADLINE_OIDC_TRUST_EMAIL=true if this provider's emails are "
                    + "always verified.");
        }
        if (verified != null && !isTrue) {
            return new OidcClient.Identity.Refused(403, "The identity provider says " + address + " is not verified. Verify it there, then "
                    + "sign in again.");
        }
        return new OidcClient.Identity.Verified(address, claims.getSubject().getValue());
    }
}
