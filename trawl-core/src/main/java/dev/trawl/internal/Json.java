package dev.trawl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper of trawl's outputs (thread-safe once configured). */
public final class Json {

    /** Writes items and extracted values; does not flush a generator it writes into. */
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private Json() {}

    /**
     * The value as JSON text.
     *
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
