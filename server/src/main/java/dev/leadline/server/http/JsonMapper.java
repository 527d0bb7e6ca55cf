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
                // a form's booking settings as they are written (durationMinutes, not a Duration)
                .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("leadline-booking")
                        .addSerializer(dev.leadline.core.booking.BookingSpec.class,
                                new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(dev.leadline.core.booking.BookingSpec.class) {
                                    @Override
                                    public void serialize(dev.leadline.core.booking.BookingSpec spec, com.fasterxml.jackson.core.JsonGenerator out,
                                                          com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                                        provider.defaultSerializeValue(spec.toMap(), out);
                                    }
                                }))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
