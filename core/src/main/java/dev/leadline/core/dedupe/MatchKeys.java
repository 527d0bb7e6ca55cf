package dev.leadline.core.dedupe;

import dev.leadline.core.common.Text;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Normalised forms for matching: what two spellings of the same thing have in common.
 */
public final class MatchKeys {
    private static final Pattern LEGAL_SUFFIX = Pattern.compile(
            "\\b(inc|incorporated|llc|l\\.l\\.c|ltd|limited|gmbh|ag|kg|sa|s\\.a|sas|sarl|srl|spa|bv|nv|oy|ab|as|plc|co|corp|corporation"
                    + "|company|pty|pte|kk|lp|llp)\\b\\.?");
    private static final Set<String> DOTLESS_WEBMAIL = Set.of("gmail.com", "googlemail.com");
    private static final Map<String, String> NICKNAMES = nicknames();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");
    private static final Pattern SCHEME = Pattern.compile("^[a-z]+://");
    private static final Pattern PATH_OR_PORT = Pattern.compile("[/:].*$");
    private static final Pattern WWW = Pattern.compile("^www\\d*\\.");
    private static final Pattern DOT = Pattern.compile("\\.");
    private static final Pattern SECOND_LEVEL = Pattern.compile("co|com|org|net|ac|gov|edu|ltd|plc");

    private MatchKeys() {}

    /** Lower case, no accents, single spaces, letters/digits/space only. */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = ascii(text) ? text : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String lower = decomposed.toLowerCase(Locale.ROOT);
        StringBuilder plain = new StringBuilder(lower.length());
        boolean gap = false; // anything but a letter or digit separates words, however many of them
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !plain.isEmpty()) {
                    plain.append(' ');
                }
                plain.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return plain.toString();
    }

    /**
     * An email as its mailbox: lower case, {@code +tag} removed, dots removed for Gmail (which ignores
     * them), {@code googlemail.com} as {@code gmail.com}. Empty for something that is not an email.
     */
    public static String email(String email) {
        if (email == null || email.indexOf('@') < 1) {
            return "";
        }
        String e = Text.nfc(email.strip()).toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (DOTLESS_WEBMAIL.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /**
     * A company's name without legal form and punctuation: "ACME, Inc." and "Acme Incorporated" are
     * both {@code acme}.
     */
    public static String company(String company) {
        String p = plain(company == null ? "" : company.replace("&", " and "));
        return SPACES.matcher(LEGAL_SUFFIX.matcher(p).replaceAll(" ")).replaceAll(" ").strip();
    }

    /**
     * A domain's organisation name: {@code www.acme.co.uk} and {@code acme.com} are both {@code acme}
     * (the label before the public suffix, with common two-part country suffixes).
     */
    public static String domainRoot(String domain) {
        if (domain == null || domain.isBlank()) {
            return "";
        }
        String d = WWW.matcher(PATH_OR_PORT.matcher(SCHEME.matcher(domain.strip().toLowerCase(Locale.ROOT)).replaceFirst(""))
                .replaceFirst("")).replaceFirst("");
        String[] labels = DOT.split(d);
        if (labels.length < 2) {
            return d;
        }
        int suffix = 1;
        String last2 = labels[labels.length - 2];
        if (labels.length >= 3 && SECOND_LEVEL.matcher(last2).matches() && labels[labels.length - 1].length() == 2) {
            suffix = 2;
        }
        return labels[labels.length - 1 - suffix];
    }

    /** A first name as its usual full form ({@code bob} → {@code robert}), plain. */
    public static String firstName(String name) {
        String p = plain(name);
        return NICKNAMES.getOrDefault(p, p);
    }

    /** A phonetic code (Double Metaphone) of a name, so that {@code smyth} and {@code smith} meet. */
    public static String phonetic(String name) {
        String p = plain(name).replace(" ", "");
        return p.isEmpty() ? "" : METAPHONE.doubleMetaphone(p);
    }

    /** Only the digits of a text. */
    static String phoneDigits(String text) {
        return NOT_DIGIT.matcher(text).replaceAll("");
    }

    /** The last nine digits of a phone number: the same line written with or without country prefix. */
    public static String phone(String phone) {
        String digits = phone == null ? "" : NOT_DIGIT.matcher(phone).replaceAll("");
        return digits.length() < 7 ? "" : digits.substring(Math.max(0, digits.length() - 9));
    }

    /** True when the text has nothing to decompose (no accents): most names and companies. */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> nicknames() {
        String[][] pairs = {
            {"bob", "robert"}, {"rob", "robert"}, {"robbie", "robert"}, {"bobby", "robert"}, {"bill", "william"}, {"will", "william"},
            {"billy", "william"}, {"liam", "william"}, {"jim", "james"}, {"jimmy", "james"}, {"jamie", "james"}, {"mike", "michael"},
            {"mick", "michael"}, {"mikey", "michael"}, {"dave", "david"}, {"davy", "david"}, {"tom", "thomas"}, {"tommy", "thomas"},
            {"dick", "richard"}, {"rick", "richard"}, {"rich", "richard"}, {"ricky", "richard"}, {"joe", "joseph"}, {"joey", "joseph"},
            {"chris", "christopher"}, {"kit", "christopher"}, {"dan", "daniel"}, {"danny", "daniel"}, {"matt", "matthew"},
            {"tony", "anthony"}, {"ant", "anthony"}, {"steve", "stephen"}, {"steven", "stephen"}, {"andy", "andrew"}, {"drew", "andrew"},
            {"ben", "benjamin"}, {"benny", "benjamin"}, {"sam", "samuel"}, {"sammy", "samuel"}, {"nick", "nicholas"}, {"nicky", "nicholas"},
            {"alex", "alexander"}, {"sandy", "alexander"}, {"ed", "edward"}, {"eddie", "edward"}, {"ted", "edward"}, {"ned", "edward"},
            {"charlie", "charles"}, {"chuck", "charles"}, {"harry", "henry"}, {"hank", "henry"}, {"jack", "john"}, {"johnny", "john"},
            {"jon", "john"}, {"pete", "peter"}, {"greg", "gregory"}, {"jeff", "jeffrey"}, {"geoff", "geoffrey"}, {"larry", "lawrence"},
            {"ken", "kenneth"}, {"kenny", "kenneth"}, {"ron", "ronald"}, {"ronnie", "ronald"}, {"don", "donald"}, {"pat", "patrick"},
            {"paddy", "patrick"}, {"fred", "frederick"}, {"freddie", "frederick"}, {"tim", "timothy"}, {"timmy", "timothy"},
            {"liz", "elizabeth"}, {"beth", "elizabeth"}, {"betty", "elizabeth"}, {"lizzie", "elizabeth"}, {"eliza", "elizabeth"},
            {"kate", "katherine"}, {"katie", "katherine"}, {"kathy", "katherine"}, {"cathy", "catherine"}, {"jen", "jennifer"},
            {"jenny", "jennifer"}, {"sue", "susan"}, {"susie", "susan"}, {"meg", "margaret"}, {"maggie", "margaret"}, {"peggy", "margaret"},
            {"becky", "rebecca"}, {"becca", "rebecca"}, {"abby", "abigail"}, {"vicky", "victoria"}, {"tori", "victoria"}, {"mandy", "amanda"},
            {"jess", "jessica"}, {"jessie", "jessica"}, {"debbie", "deborah"}, {"deb", "deborah"}, {"pam", "pamela"}, {"sally", "sarah"},
            {"sara", "sarah"}, {"annie", "anne"}, {"ann", "anne"}, {"nancy", "anne"}, {"molly", "mary"}, {"polly", "mary"},
            {"chrissy", "christine"}, {"tina", "christina"}, {"val", "valerie"}, {"nat", "natalie"}, {"steph", "stephanie"},
            {"alexa", "alexandra"}, {"lexi", "alexandra"}, {"sasha", "alexandra"}, {"josh", "joshua"}, {"zach", "zachary"},
            {"nate", "nathan"}, {"nathaniel", "nathan"}, {"max", "maximilian"}, {"gabe", "gabriel"}, {"jake", "jacob"}, {"ollie", "oliver"}};
        Map<String, String> map = new java.util.HashMap<>();
        for (String[] pair : pairs) {
            map.put(pair[0], pair[1]);
        }
        return Map.copyOf(map);
    }
}
