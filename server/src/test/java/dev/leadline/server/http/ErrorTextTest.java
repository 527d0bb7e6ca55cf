package dev.leadline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void javaClassNamesBecomeNeutralWords() {
        assertThat(ErrorText.safe("Cannot deserialize value of type `java.lang.Integer` from String \"x\""))
                .isEqualTo("Cannot deserialize value of type a value from String \"x\"");
        assertThat(ErrorText.safe("type `java.util.LinkedHashMap<java.lang.String,java.lang.Object>` from Array value (token `JsonToken.START_ARRAY`)"))
                .isEqualTo("type a value from Array value (token a value)");
        assertThat(ErrorText.safe("com.fasterxml.jackson.databind.JsonMappingException: boom")).isEqualTo("a value: boom");
    }

    @Test
    void filesOnTheServersDiskAndStackFramesAreLeftOut() {
        assertThat(ErrorText.safe("cannot read /home/leadline/data/plugins/x-1.0/plugin.properties")).isEqualTo("cannot read a file");
        assertThat(ErrorText.safe("cannot open C:\\leadline\\data\\x.zip here")).isEqualTo("cannot open a file here");
        assertThat(ErrorText.safe("failed\n\tat dev.leadline.Foo.bar(Foo.java:12)\n\t... 3 more")).isEqualTo("failed");
    }

    @Test
    void theApisOwnPathsWebAddressesAndEmailsStay() {
        String message = "no such endpoint: GET /api/v1/leads/L-1/x; see https://acme.example/a/b or jane.doe@example.com; /forms/contact";
        assertThat(ErrorText.safe(message)).isEqualTo(message);
    }
}
