package dev.leadline.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.leadline.core.common.Instants;
import dev.leadline.core.common.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * What every JSON body must be before a handler sees it: strict UTF-8 bytes; strings (values and
 * keys) without NUL or lone surrogates, composed to NFC; dates and times within the years 1900-9999.
 * A breach is a 400 naming the field (see {@link ErrorMapping}).
 */
final class JsonHygiene {
    private static final Set<Class<?>> TIMES = Set.of(Instant.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class,
            ZonedDateTime.class);

    private JsonHygiene() {}

    /** A JSON factory that refuses bodies that are not well-formed UTF-8. */
    static JsonFactory factory() {
        return JsonFactory.builder().inputDecorator(new Utf8Check()).build();
    }

    static Module module() {
        SimpleModule module = new SimpleModule("leadline-json-hygiene");
        module.addDeserializer(String.class, new CleanText());
        module.addKeyDeserializer(String.class, new CleanKey());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
                return TIMES.contains(bean.getBeanClass()) ? new WithinYears(deserializer) : deserializer;
            }
        });
        return module;
    }

    /** A problem with one value, phrased for the caller; {@link JsonErrors} shows its message as it is. */
    static final class BadValue extends MismatchedInputException {
        BadValue(JsonParser parser, String message) {
            super(parser, message, (Class<?>) null);
        }
    }

    private static final class CleanText extends StdScalarDeserializer<String> {
        CleanText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return clean(p, StringDeserializer.instance.deserialize(p, ctxt));
        }
    }

    private static final class CleanKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return clean(ctxt.getParser(), key);
        }
    }

    private static String clean(JsonParser p, String text) throws BadValue {
        Optional<String> problem = Text.problem(text);
        if (problem.isPresent()) {
            throw new BadValue(p, problem.get());
        }
        return Text.nfc(text);
    }

    /** Any java.time deserializer, followed by the check that the time lies within the accepted years. */
    private static final class WithinYears extends DelegatingDeserializer {
        WithinYears(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new WithinYears(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value != null && (year(value) < Instants.FIRST_YEAR || year(value) > Instants.LAST_YEAR)) {
                throw new BadValue(p, Instants.outOfRange());
            }
            return value;
        }
    }

    /** The year of a date or time value, in UTC where it has an offset. */
    private static int year(Object value) {
        if (value instanceof Instant at) {
            return at.atOffset(ZoneOffset.UTC).getYear();
        }
        if (value instanceof OffsetDateTime at) {
            return at.atZoneSameInstant(ZoneOffset.UTC).getYear();
        }
        if (value instanceof ZonedDateTime at) {
            return at.withZoneSameInstant(ZoneOffset.UTC).getYear();
        }
        return value instanceof LocalDateTime at ? at.getYear() : ((LocalDate) value).getYear();
    }

    private static final class Utf8Check extends InputDecorator {
        @Override
        public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) throws IOException {
            Optional<String> problem = StrictUtf8.problem(src, offset, length);
            if (problem.isPresent()) {
                throw new JsonParseException((JsonParser) null, "the body " + problem.get());
            }
            return null;
        }

        @Override
        public InputStream decorate(IOContext ctxt, InputStream in) throws IOException {
            byte[] bytes = in.readAllBytes();
            decorate(ctxt, bytes, 0, bytes.length);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public Reader decorate(IOContext ctxt, Reader reader) {
            return null;
        }
    }
}
