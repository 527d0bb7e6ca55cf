package dev.leadline.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadMatcherTest {
    private final LeadMatcher matcher = new LeadMatcher();

    @Test
    void theSameGmailMailboxWrittenDifferentlyIsOneLead() {
        assertThat(matcher.compare(lead(Map.of(LeadField.EMAIL, "Ada.Lovelace+news@googlemail.com")),
                lead(Map.of(LeadField.EMAIL, "adalovelace@gmail.com")))).get().extracting(LeadMatcher.Match::matched)
                .asList().containsExactly("email");
    }

    @Test
    void aNicknameAtTheSameCompanyWithTheSamePhoneIsADuplicate() {
        var bob = lead(Map.of(LeadField.FIRST_NAME, "Bob", LeadField.LAST_NAME, "Smith", LeadField.COMPANY, "Acme, Inc.",
                LeadField.PHONE, "+1 (650) 253-0000", LeadField.WEBSITE, "https://www.acme.com"));
        var robert = lead(Map.of(LeadField.FIRST_NAME, "Robert", LeadField.LAST_NAME, "Smyth", LeadField.COMPANY, "ACME Incorporated",
                LeadField.PHONE, "650 253 0000", LeadField.DOMAIN, "acme.co.uk"));

        assertThat(matcher.compare(bob, robert)).get().extracting(LeadMatcher.Match::matched).asList()
                .contains("firstName", "lastName", "company", "phone", "domain");
    }

    @Test
    void colleaguesAtTheSameCompanyAndAddressAreNotDuplicates() {
        var jane = lead(Map.of(LeadField.FIRST_NAME, "Jane", LeadField.LAST_NAME, "Rivera", LeadField.COMPANY, "Acme", LeadField.CITY, "Berlin",
                LeadField.DOMAIN, "acme.com", LeadField.STREET, "1 Unter den Linden", LeadField.POSTAL_CODE, "10117"));
        var omar = lead(Map.of(LeadField.FIRST_NAME, "Omar", LeadField.LAST_NAME, "Haddad", LeadField.COMPANY, "Acme", LeadField.CITY, "Berlin",
                LeadField.DOMAIN, "acme.com", LeadField.STREET, "1 Unter den Linden", LeadField.POSTAL_CODE, "10117"));

        assertThat(matcher.compare(jane, omar)).isEmpty();
    }

    @Test
    void twoMailboxesAtOneCompanyAreTwoPeopleEvenWithSimilarNames() {
        var row10 = lead(Map.of(LeadField.FIRST_NAME, "Sam", LeadField.LAST_NAME, "Row10", LeadField.COMPANY, "Resume Co",
                LeadField.EMAIL, "row10@resume.example"));
        var row100 = lead(Map.of(LeadField.FIRST_NAME, "Sam", LeadField.LAST_NAME, "Row100", LeadField.COMPANY, "Resume Co",
                LeadField.EMAIL, "row100@resume.example"));
        var typo = lead(Map.of(LeadField.FIRST_NAME, "Sam", LeadField.LAST_NAME, "Row10", LeadField.COMPANY, "Resume Co",
                LeadField.EMAIL, "rw10@resume.example"));

        assertThat(matcher.compare(row10, row100)).isEmpty();
        assertThat(matcher.compare(row10, typo)).isPresent();
    }

    @Test
    void aNameAloneIsNotEnoughEvidence() {
        assertThat(matcher.compare(lead(Map.of(LeadField.FIRST_NAME, "John", LeadField.LAST_NAME, "Smith")),
                lead(Map.of(LeadField.FIRST_NAME, "John", LeadField.LAST_NAME, "Smith")))).isEmpty();
    }

    @Test
    void theSameIdentifierMakesOnePersonWhateverElseDiffers() {
        var married = person("Jane", "Doe", "1 High Street", "1980-02-03", "123-45-6789");
        var maiden = person("Jane", "Smith", "9 Low Road", "1980-03-02", "123 45 6789");

        assertThat(matcher.compare(married, maiden)).contains(new LeadMatcher.Match(LeadMatcher.MOST_BY_EVIDENCE,
                java.util.List.of("custom.nationalId", "firstName", "postcode", "city")));
        assertThat(married.blockingKeys()).contains("i:custom.nationalId|123456789").containsAll(maiden.identityKeys());
    }

    @Test
    void aDifferentIdentifierTellsAFatherFromTheSonWhoSharesHisNameAndHome() {
        var father = person("John", "Smith", "1 High Street", "1950-02-03", "123456789");
        var son = person("John", "Smith", "1 High Street", "1980-06-07", "987654321");
        var sonWithoutId = lead(Map.of(LeadField.FIRST_NAME, "John", LeadField.LAST_NAME, "Smith", LeadField.STREET, "1 High Street",
                LeadField.POSTAL_CODE, "AB1 2CD", LeadField.CITY, "Leeds", LeadField.BIRTH_DATE, "1980-06-07"));

        assertThat(matcher.compare(father, son)).isEmpty();
        assertThat(matcher.compare(father, sonWithoutId)).as("without identifiers the rest looks alike").isPresent();
    }

    @Test
    void aMistypedIdentifierCountsForAMatchWithoutDecidingIt() {
        var typed = person("Ann", "Lee", "1 High Street", "1970-01-01", "123456789");
        var swapped = person("Anne", "Lee", "1 High Street", "1970-01-01", "123465789");

        LeadMatcher.Match weighed = matcher.compare(typed, swapped).orElseThrow();
        assertThat(weighed.score()).isBetween(LeadMatcher.THRESHOLD, 0.95);
        assertThat(weighed.matched()).startsWith("custom.nationalId");
    }

    private static MatchProfile person(String first, String last, String street, String born, String nationalId) {
        Map<LeadField, String> fields = Map.of(LeadField.FIRST_NAME, first, LeadField.LAST_NAME, last, LeadField.STREET, street,
                LeadField.POSTAL_CODE, "AB1 2CD", LeadField.CITY, "Leeds", LeadField.BIRTH_DATE, born);
        return MatchProfile.of(new LeadData(new EnumMap<>(fields), Map.of("nationalId", nationalId)),
                Identifiers.of(java.util.List.of("custom.nationalId"), "duplicates.identifiers"));
    }

    private static MatchProfile lead(Map<LeadField, String> fields) {
        return MatchProfile.of(new LeadData(new EnumMap<>(fields), Map.of()), Identifiers.NONE);
    }
}
