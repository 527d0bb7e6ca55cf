package dev.leadline.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the API: strict on input (see {@link JsonHygiene}), ISO-8601 times on output. */
public final class JsonMapper {
    private JsonMapper() {}

    public static ObjectMapper create() {
        return new ObjectMapper(JsonHygiene.factory())
                .registerModule(new JavaTimeModule())
                .registerModule(JsonHygiene.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
