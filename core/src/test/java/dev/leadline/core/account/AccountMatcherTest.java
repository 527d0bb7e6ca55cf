package dev.leadline.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountMatcherTest {
    private static final AccountMatcher MATCHER = new AccountMatcher(AccountTiebreaker.DEFAULT);

    private static AccountCandidate account(long id, String name, String domain) {
        return new AccountCandidate(new Account(id, name, domain, 100 + id, null, null, 0), Map.of(), 0, null);
    }

    private static AccountCandidate account(long id, String name, String domain, int openOpportunities, Instant lastActivity, Integer employees) {
        return new AccountCandidate(new Account(id, name, domain, 100 + id, null, employees, 0), Map.of(), openOpportunities, lastActivity);
    }

    private static LeadEvidence lead(String email, String company, String... domainAndWebsite) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        Optional.ofNullable(email).ifPresent(e -> fields.put(LeadField.EMAIL, e));
        Optional.ofNullable(company).ifPresent(c -> fields.put(LeadField.COMPANY, c));
        if (domainAndWebsite.length > 0) {
            fields.put(LeadField.DOMAIN, domainAndWebsite[0]);
        }
        if (domainAndWebsite.length > 1) {
            fields.put(LeadField.WEBSITE, domainAndWebsite[1]);
        }
        return LeadEvidence.of(new LeadData(fields, Map.of()), Map.of());
    }

    @Test
    void aLeadMatchesTheAccountWithItsEmailDomain() {
        AccountMatch match = MATCHER.best(lead("bob@acme.com", null), List.of(account(1, "Other", "other.com"), account(2, "Acme", "acme.com")))
                .orElseThrow();

        assertThat(match.accountId()).isEqualTo(2);
        assertThat(match.ownerRepId()).isEqualTo(102);
        assertThat(match.confidence()).isEqualTo(0.95);
        assertThat(match.matchedBy()).isEqualTo("domain acme.com");
    }

    @Test
    void theWebsiteHostCountsAsTheLeadsDomain() {
        assertThat(MATCHER.best(lead(null, null, null, "https://www.Acme.com/contact"), List.of(account(2, "Acme", "acme.com"))))
                .get().extracting(AccountMatch::matchedBy).isEqualTo("domain acme.com");
    }

    @Test
    void aWebmailAddressIsNeverEvidenceOfAnAccount() {
        List<AccountCandidate> accounts = List.of(account(1, "Google", "gmail.com"), account(2, "Acme", "acme.com"));

        assertThat(MATCHER.best(lead("bob.smith@gmail.com", null), accounts)).isEmpty();
        assertThat(lead("bob.smith@gmail.com", null).domains()).isEmpty();
        assertThat(lead("jo@web.de", null).emailDomain()).isNull();
    }

    @Test
    void aGmailLeadWithACompanyNameMatchesByNameOnlyAndLessSurely() {
        AccountMatch match = MATCHER.best(lead("bob.smith@gmail.com", "Acme Inc."), List.of(account(1, "Google", "gmail.com"),
                account(2, "ACME", "acme.com"))).orElseThrow();

        assertThat(match.accountId()).isEqualTo(2);
        assertThat(match.matchedBy()).isEqualTo("company name 'ACME'");
        assertThat(match.confidence()).isEqualTo(0.6);
    }

    @Test
    void theSameDomainRootInAnotherCountryMatchesSlightlyLessSurely() {
        AccountMatch match = MATCHER.best(lead("bob@acme.co.uk", null), List.of(account(2, "Acme", "acme.com"))).orElseThrow();

        assertThat(match.matchedBy()).isEqualTo("domain root acme (acme.co.uk ~ acme.com)");
        assertThat(match.confidence()).isEqualTo(0.8).isLessThan(AccountMatcher.SAME_DOMAIN);
    }

    @Test
    void aCompanyNameWithALegalSuffixMatchesTheAccountWithout() {
        assertThat(MATCHER.best(lead(null, "ACME Ltd"), List.of(account(2, "Acme", null)))).get()
                .extracting(AccountMatch::matchedBy).isEqualTo("company name 'Acme'");
    }

    @Test
    void evidenceForOneAccountAddsUp() {
        AccountMatch match = MATCHER.best(lead("bob@acme.co.uk", "ACME Ltd"), List.of(account(2, "Acme", "acme.com"))).orElseThrow();

        assertThat(match.matchedBy()).isEqualTo("domain root acme (acme.co.uk ~ acme.com) and company name 'Acme'");
        assertThat(match.confidence()).isEqualTo(0.92);
    }

    @Test
    void aContactAtTheLeadsEmailDomainMatchesItsAccount() {
        AccountCandidate parent = new AccountCandidate(new Account(3, "Initech Holding", "initech-holding.com", 7L, null, null, 0),
                Map.of("initech.io", "peter@initech.io"), 0, null);

        AccountMatch match = MATCHER.best(lead("bill@initech.io", null), List.of(parent, account(4, "Umbrella", "umbrella.com"))).orElseThrow();

        assertThat(match.accountId()).isEqualTo(3);
        assertThat(match.matchedBy()).isEqualTo("contact peter@initech.io at the domain initech.io");
        assertThat(match.confidence()).isEqualTo(0.85);
    }

    @Test
    void anExactDomainBeatsADomainRootAndANameAlone() {
        List<AccountCandidate> accounts = List.of(account(1, "Acme", null), account(2, "Acme UK", "acme.co.uk"), account(3, "Acme Europe", "acme.de"));

        assertThat(MATCHER.best(lead("bob@acme.co.uk", null), accounts)).get().extracting(AccountMatch::accountId).isEqualTo(2L);
    }

    @Test
    void equallyGoodAccountsGoToTheOneWithMostOpenOpportunitiesByDefault() {
        List<AccountCandidate> twins = twins();

        AccountMatch match = MATCHER.best(lead(null, "Globex"), twins).orElseThrow();

        assertThat(match.accountId()).isEqualTo(2);
        assertThat(match.matchedBy()).isEqualTo("company name 'Globex'; chosen over 2 others by most open opportunities");
    }

    @Test
    void theRecentActivityTiebreakerPrefersTheAccountTouchedLast() {
        assertThat(new AccountMatcher(AccountTiebreaker.RECENT_ACTIVITY).best(lead(null, "Globex"), twins())).get()
                .extracting(AccountMatch::accountId).isEqualTo(3L);
    }

    @Test
    void theLargestTiebreakerPrefersTheAccountWithMostEmployees() {
        assertThat(new AccountMatcher(AccountTiebreaker.LARGEST).best(lead(null, "Globex"), twins())).get()
                .extracting(AccountMatch::accountId).isEqualTo(1L);
    }

    @Test
    void whenTheTiebreakerCannotTellTheOldestAccountWins() {
        List<AccountCandidate> same = List.of(account(9, "Globex", null), account(5, "Globex", null));

        assertThat(MATCHER.best(lead(null, "Globex"), same)).get().extracting(AccountMatch::accountId).isEqualTo(5L);
    }

    @Test
    void anUnknownTiebreakerIsRefusedNamingTheChoices() {
        assertThat(AccountTiebreaker.parse("Recent-Activity", "accounts.tiebreaker")).isEqualTo(AccountTiebreaker.RECENT_ACTIVITY);
        assertThatThrownBy(() -> AccountTiebreaker.parse("biggest", "accounts.tiebreaker")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("accounts.tiebreaker").hasMessageContaining("open-opportunities, recent-activity, largest, got 'biggest'");
    }

    private static List<AccountCandidate> twins() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        return List.of(account(1, "Globex Corporation", null, 1, t, 5000), account(2, "Globex", null, 4, t.minusSeconds(3600), 50),
                account(3, "GLOBEX Inc", null, 0, t.plusSeconds(60), null));
    }
}
