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

    private static MatchProfile lead(Map<LeadField, String> fields) {
        return MatchProfile.of(new LeadData(new EnumMap<>(fields), Map.of()));
    }
}
