package dev.leadline.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.FieldError;
import org.junit.jupiter.api.Test;

class LeadDraftTest {

    @Test
    void everyBadFieldIsReportedAtOnce() {
        LeadDraft.Validated result = new LeadDraft()
                .set(LeadField.EMAIL, "not-an-email")
                .set(LeadField.PHONE, "call me maybe")
                .set(LeadField.EMPLOYEE_COUNT, "lots")
                .set(LeadField.WEBSITE, "http://")
                .build();

        assertThat(result).isInstanceOf(LeadDraft.Validated.Invalid.class);
        assertThat(((LeadDraft.Validated.Invalid) result).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("email", "phone", "employeeCount", "website");
    }

    @Test
    void decomposedTextIsStoredComposedAndANulOrLoneSurrogateIsRejectedNamingTheField() {
        LeadData data = valid(new LeadDraft()
                .set(LeadField.EMAIL, java.text.Normalizer.normalize("josé@example.com", java.text.Normalizer.Form.NFD))
                .custom(java.text.Normalizer.normalize("Région", java.text.Normalizer.Form.NFD), "Île-de-France"));
        assertThat(data.getOrNull(LeadField.EMAIL)).isEqualTo("josé@example.com");
        assertThat(data.customFields()).containsEntry("Région", "Île-de-France");

        LeadDraft.Validated broken = new LeadDraft().set(LeadField.LAST_NAME, "Null\0Byte").set(LeadField.COMPANY, "Half\ud800")
                .custom("tier", "a\0").set(LeadField.EMAIL, "ok@example.com").build();
        assertThat(((LeadDraft.Validated.Invalid) broken).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("lastName", "company", "customFields.tier");
    }

    @Test
    void valuesAreTrimmedAndTheDomainComesFromTheWebsite() {
        LeadData data = valid(new LeadDraft()
                .set(LeadField.LAST_NAME, "  Hopper ")
                .set(LeadField.WEBSITE, "https://www.Navy.example/careers")
                .set(LeadField.EMPLOYEE_COUNT, "12,000")
                .set(LeadField.PHONE, "+1 (555) 010-9999 ext 12"));

        assertThat(data.getOrNull(LeadField.LAST_NAME)).isEqualTo("Hopper");
        assertThat(data.getOrNull(LeadField.DOMAIN)).isEqualTo("navy.example");
        assertThat(data.employeeCount()).isEqualTo(12000);
        assertThat(data.getOrNull(LeadField.PHONE)).isEqualTo("+1 (555) 010-9999 ext 12");
    }

    @Test
    void aBirthDateIsAnIsoCalendarDateAndAnythingElseIsRefusedNamingTheField() {
        LeadData data = valid(new LeadDraft().set(LeadField.LAST_NAME, "Lovelace").set(LeadField.BIRTH_DATE, " 1815-12-10 ")
                .set(LeadField.STREET, "12 St James's Square"));
        assertThat(data.getOrNull(LeadField.BIRTH_DATE)).isEqualTo("1815-12-10");
        assertThat(data.getOrNull(LeadField.STREET)).isEqualTo("12 St James's Square");

        for (String bad : new String[] {"18151210", "10/12/1815", "1815-02-30", "1815-13-01", "1815-1-1"}) {
            LeadDraft.Validated result = new LeadDraft().set(LeadField.LAST_NAME, "Lovelace").set(LeadField.BIRTH_DATE, bad).build();
            assertThat(((LeadDraft.Validated.Invalid) result).errors()).as(bad)
                    .containsExactly(new FieldError("birthDate", "'" + bad + "' is not a date in the form yyyy-MM-dd (e.g. 1990-05-17)"));
        }
        LeadDraft.Validated early = new LeadDraft().set(LeadField.LAST_NAME, "Lovelace").set(LeadField.BIRTH_DATE, "0999-01-01").build();
        assertThat(((LeadDraft.Validated.Invalid) early).errors()).containsExactly(new FieldError("birthDate", "'0999-01-01' is before the year 1000"));
    }

    @Test
    void aLeadWithNothingToIdentifyItIsRefused() {
        LeadDraft.Validated result = new LeadDraft().set(LeadField.CITY, "Mumbai").custom("Notes", "hi").build();

        assertThat(result).isInstanceOf(LeadDraft.Validated.Invalid.class);
        assertThat(((LeadDraft.Validated.Invalid) result).errors().get(0).message()).contains("at least one of email");
    }

    @Test
    void blankValuesCountAsAbsent() {
        LeadData data = valid(new LeadDraft().set(LeadField.EMAIL, "a@b.example").set(LeadField.PHONE, "   "));

        assertThat(data.get(LeadField.PHONE)).isEmpty();
    }

    @Test
    void overlongValuesAreRefused() {
        LeadDraft.Validated result = new LeadDraft().set(LeadField.LAST_NAME, "x".repeat(101)).build();

        assertThat(((LeadDraft.Validated.Invalid) result).errors()).containsExactly(
                new FieldError("lastName", "longer than 100 characters"));
    }

    @Test
    void leadIdsReadTheWayPeopleWriteThem() {
        assertThat(LeadId.parse("L-1042")).isEqualTo(new LeadId(1042));
        assertThat(LeadId.parse("l-7")).isEqualTo(new LeadId(7));
        assertThat(LeadId.parse("99")).isEqualTo(new LeadId(99));
        assertThat(new LeadId(1042)).hasToString("L-1042");
    }

    private static LeadData valid(LeadDraft draft) {
        return ((LeadDraft.Validated.Valid) draft.build()).data();
    }
}
