package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.testkit.TestLeads;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** Leads, activities and conversions as the host pushes them, the connected app's key pair, and JWT checks. */
final class SalesforceSamples {
    static final Instant UPDATED = Instant.parse("2026-12-01T10:00:00Z");
    static final String CLIENT_ID = "3MVG9rKhT8ocoxGmCpYF2wo0y0CXZk5Qb6V1s_fake.consumer.key";
    static final String USERNAME = "leadline-integration@acme.example";
    static final KeyPair KEYS = keys();

    private SalesforceSamples() {}

    static Map<String, String> settings(SalesforceStub stub) {
        return Map.of("loginUrl", stub.url(), "clientId", CLIENT_ID, "username", USERNAME, "privateKey", pem());
    }

    /** The private key as PEM (PKCS#8), the way {@code openssl pkcs8 -topk8 -nocrypt} writes it. */
    static String pem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** The JWT's header and claims, after checking its RS256 signature with the connected app's public key. */
    static JsonNode[] verified(String jwt) throws GeneralSecurityException, java.io.IOException {
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KEYS.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the JWT's signature does not verify with the public key");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new JsonNode[] {SalesforceStub.JSON.readTree(decoder.decode(parts[0])), SalesforceStub.JSON.readTree(decoder.decode(parts[1]))};
    }

    static CrmLead lead(String crmId, String status, String ownerEmail) {
        return new CrmLead(TestLeads.lead(Map.of("email", "jane.doe@acme.example", "firstName", "Jane", "lastName", "Doe", "company",
                "Acme Robotics", "title", "VP Operations", "phone", "+447700900123", "employeeCount", "250")), crmId, status, null, ownerEmail,
                null, 72, UPDATED);
    }

    static CrmActivity call(String leadId) {
        return new CrmActivity("activity:812", CrmActivity.Kind.CONTACT_ATTEMPT, leadId, "Call", "Left a voicemail", "call",
                Instant.parse("2026-12-01T11:00:00Z"), null, "omar@leadline.example", null);
    }

    static CrmActivity meeting(String leadId) {
        return new CrmActivity("activity:813", CrmActivity.Kind.MEETING, leadId, "Pilot walkthrough", "Agenda: scope, pricing", null,
                Instant.parse("2026-12-03T15:00:00Z"), Instant.parse("2026-12-03T15:45:00Z"), "omar@leadline.example", null);
    }

    static CrmActivity note(String leadId) {
        return new CrmActivity("activity:814", CrmActivity.Kind.NOTE, leadId, "Note", "Budget approved for Q1", null,
                Instant.parse("2026-12-04T09:30:00Z"), null, null, null);
    }

    static CrmConversion conversion(String leadId, String accountCrmId) {
        return new CrmConversion(lead(leadId, "CONVERTED", "omar@leadline.example"), leadId, "Acme Robotics", accountCrmId, "acme.example",
                "Acme Robotics – pilot", "12000.00", null, "omar@leadline.example", null, Instant.parse("2026-12-05T12:00:00Z"));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
