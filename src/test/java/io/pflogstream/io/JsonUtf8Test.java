package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Log text is held one char per byte; JSON must come out as valid UTF-8 whatever the bytes were. */
class JsonUtf8Test {
    private static String bytesAsChars(byte... bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void asciiIsUnchanged() {
        assertThat(Json.utf8("{\"host\":\"mx1\"}")).isEqualTo("{\"host\":\"mx1\"}".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void utf8BytesInTheLogStayThatCharacter() {
        String logged = bytesAsChars((byte) 'J', (byte) 0xC3, (byte) 0xA9, (byte) 'r');
        assertThat(new String(Json.utf8(logged), StandardCharsets.UTF_8)).isEqualTo("Jér");
    }

    @Test
    void bytesThatAreNotUtf8BecomeTheReplacementCharacter() {
        String logged = bytesAsChars((byte) 'a', (byte) 0xFF, (byte) 'b');
        assertThat(Json.utf8(logged)).isEqualTo(new byte[] {'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 'b'});
    }
}
