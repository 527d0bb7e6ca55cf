package dev.leadline.bench;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * People to fill benchmarks with, drawn from the distinct values of each Febrl column
 * (names, streets, suburbs, postcodes; {@code febrl/} in the core test-jar), deterministically per number.
 */
record People(List<String> first, List<String> last, List<String> streets, List<String> suburbs, List<String> postcodes) {
    private static final String[][] NICKNAMES = {{"robert", "bob"}, {"william", "bill"}, {"james", "jim"}, {"michael", "mike"},
        {"elizabeth", "liz"}, {"katherine", "kate"}, {"thomas", "tom"}, {"joseph", "joe"}};

    static People fromFebrl() throws IOException {
        Set<String> first = new LinkedHashSet<>();
        Set<String> last = new LinkedHashSet<>();
        Set<String> streets = new LinkedHashSet<>();
        Set<String> suburbs = new LinkedHashSet<>();
        Set<String> postcodes = new LinkedHashSet<>();
        for (String name : List.of("dataset2.csv", "dataset3.csv", "dataset4a.csv", "dataset4b.csv")) {
            List<String> lines = febrl(name);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",\\s*", -1);
                if (f.length < 9 || !f[0].endsWith("-org")) {
                    continue; // originals only: their spellings are the clean ones
                }
                add(first, f[1]);
                add(last, f[2]);
                add(streets, f[4]);
                add(suburbs, f[6]);
                add(postcodes, f[7]);
            }
        }
        return new People(List.copyOf(first), List.copyOf(last), List.copyOf(streets), List.copyOf(suburbs), List.copyOf(postcodes));
    }

    private static void add(Set<String> set, String value) {
        if (!value.isBlank()) {
            set.add(value.strip());
        }
    }

    LeadData person(long n) {
        Random r = new Random(n * 0x9E3779B97F4A7C15L);
        String given = pick(first, r);
        String surname = pick(last, r);
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        fields.put(LeadField.FIRST_NAME, given);
        fields.put(LeadField.LAST_NAME, surname);
        String company = pick(last, r) + " " + pick(List.of("Ltd", "Pty Ltd", "Group", "Partners", "Inc"), r);
        fields.put(LeadField.COMPANY, company);
        String domain = company.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + ".example";
        fields.put(LeadField.EMAIL, (given + "." + surname).replaceAll("[^a-z.]", "") + (n % 7) + "@" + (r.nextInt(4) == 0 ? "gmail.com" : domain));
        fields.put(LeadField.PHONE, String.format("+61 %d %04d %04d", 2 + r.nextInt(7), r.nextInt(10_000), r.nextInt(10_000)));
        fields.put(LeadField.CITY, pick(suburbs, r));
        fields.put(LeadField.POSTAL_CODE, pick(postcodes, r));
        fields.put(LeadField.STREET, (1 + r.nextInt(200)) + " " + pick(streets, r));
        return new LeadData(fields, Map.of());
    }

    /** The same person as a second source writes them: a new mailbox, a surname typo or a nickname, the phone without +61. */
    LeadData retyped(LeadData person, Random r) {
        Map<LeadField, String> fields = new EnumMap<>(person.fields());
        fields.put(LeadField.EMAIL, "contact" + r.nextInt(1000) + "@" + "mailbox" + r.nextInt(50) + ".example");
        String surname = fields.get(LeadField.LAST_NAME);
        if (r.nextBoolean() && surname.length() > 3) {
            int at = 1 + r.nextInt(surname.length() - 2);
            fields.put(LeadField.LAST_NAME, surname.substring(0, at) + surname.charAt(at + 1) + surname.charAt(at) + surname.substring(at + 2));
        } else {
            for (String[] pair : NICKNAMES) {
                if (pair[0].equals(fields.get(LeadField.FIRST_NAME))) {
                    fields.put(LeadField.FIRST_NAME, pair[1]);
                }
            }
        }
        fields.put(LeadField.PHONE, "0" + fields.get(LeadField.PHONE).substring(4));
        return new LeadData(fields, person.customFields());
    }

    private static String pick(List<String> values, Random r) {
        return values.get(r.nextInt(values.size()));
    }

    private static List<String> febrl(String name) throws IOException {
        try (InputStream in = People.class.getResourceAsStream("/febrl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("febrl/" + name + " is not on the classpath: it comes with the core test-jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
