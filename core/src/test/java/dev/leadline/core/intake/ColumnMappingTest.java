package dev.leadline.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    @Test
    void salesforceExportColumnsMapThemselves() {
        List<String> header = List.of("Lead ID", "First Name", "Last Name", "Title", "Company", "Email", "Phone",
                "Lead Source", "No. of Employees", "State/Province", "Rating");

        assertThat(ColumnMapping.resolve(header, Map.of()).describe()).containsExactly(
                Map.entry("Lead ID", "externalId"), Map.entry("First Name", "firstName"), Map.entry("Last Name", "lastName"),
                Map.entry("Title", "title"), Map.entry("Company", "company"), Map.entry("Email", "email"),
                Map.entry("Phone", "phone"), Map.entry("Lead Source", "source"), Map.entry("No. of Employees", "employeeCount"),
                Map.entry("State/Province", "state"), Map.entry("Rating", "custom:Rating"));
    }

    @Test
    void hubspotExportColumnsMapThemselves() {
        List<String> header = List.of("Record ID", "Email", "Phone Number", "Company Name", "Job Title",
                "Country/Region", "Website URL", "Original Source", "Number of Employees");

        assertThat(ColumnMapping.resolve(header, Map.of()).describe().values()).containsExactly(
                "externalId", "email", "phone", "company", "title", "country", "website", "source", "employeeCount");
    }

    @Test
    void addressAndBirthDateColumnsOfBothExportsMapThemselves() {
        assertThat(ColumnMapping.resolve(List.of("Street", "City", "State/Province", "Zip/Postal Code", "Country", "Birthdate"), Map.of())
                .describe().values()).containsExactly("street", "city", "state", "postalCode", "country", "birthDate");
        assertThat(ColumnMapping.resolve(List.of("Mailing Street", "Mailing City", "Mailing State/Province", "Mailing Zip/Postal Code",
                "Mailing Country"), Map.of()).describe().values()).containsExactly("street", "city", "state", "postalCode", "country");
        assertThat(ColumnMapping.resolve(List.of("MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry"),
                Map.of()).describe().values()).containsExactly("street", "city", "state", "postalCode", "country");
        assertThat(ColumnMapping.resolve(List.of("Street Address", "City", "State/Region", "Postal Code", "Country/Region", "Date of birth"),
                Map.of()).describe().values()).containsExactly("street", "city", "state", "postalCode", "country", "birthDate");
        assertThat(ColumnMapping.resolve(List.of("Address", "Mailing Zip"), Map.of()).describe().values()).containsExactly("street", "postalCode");
    }

    @Test
    void aSecondColumnForTheSameFieldIsKeptAsACustomField() {
        Map<String, String> described = ColumnMapping.resolve(List.of("Phone", "Mobile Phone"), Map.of()).describe();

        assertThat(described).containsEntry("Phone", "phone").containsEntry("Mobile Phone", "custom:Mobile Phone");
    }

    @Test
    void explicitMappingWinsOverRecognisedNames() {
        Map<String, String> described = ColumnMapping.resolve(List.of("Contact", "Email", "Org"),
                Map.of("Contact", "email", "Email", "ignore", "Org", "company")).describe();

        assertThat(described).containsEntry("Contact", "email").containsEntry("Email", "ignore").containsEntry("Org", "company");
    }

    @Test
    void explicitMappingToAnUnknownFieldOrColumnIsRefused() {
        assertThatThrownBy(() -> ColumnMapping.resolve(List.of("A"), Map.of("A", "shoeSize", "B", "email")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'shoeSize'")
                .hasMessageContaining("column 'B', which is not in the header");
    }

    @Test
    void aFullNameColumnIsSplitIntoFirstAndLastName() {
        var data = ColumnMapping.resolve(List.of("Name", "Email"), Map.of())
                .apply(List.of("Mary Jane Watson", "mj@example.com"), java.util.Set.of()).build();

        var fields = ((dev.leadline.core.lead.LeadDraft.Validated.Valid) data).data().fields();
        assertThat(fields).containsEntry(dev.leadline.core.lead.LeadField.FIRST_NAME, "Mary Jane")
                .containsEntry(dev.leadline.core.lead.LeadField.LAST_NAME, "Watson");
    }
}
