package io.pflogstream.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson mapper (plain com.fasterxml, never Flink's shaded copy). */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Text the pipeline holds one char per input byte (as pflogsumm reads logs) as UTF-8 bytes: the
     * original bytes read as UTF-8, a byte that is not valid UTF-8 becoming U+FFFD. JSON and HTML
     * must be valid UTF-8 whatever the log held.
     */
    public static byte[] utf8(String bytesAsChars) {
        byte[] bytes = bytesAsChars.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte b : bytes) {
            if (b < 0) {
                // a byte above 0x7F: decode and re-encode, so invalid sequences become U+FFFD
                String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return bytes; // plain ASCII (nearly every record) is its own UTF-8
    }

    public static byte[] utf8(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return utf8(MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
