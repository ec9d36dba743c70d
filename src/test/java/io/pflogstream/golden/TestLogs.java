package io.pflogstream.golden;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small hand-written logs for tests whose expected figures are worked out by hand. */
final class TestLogs {
    private TestLogs() {}

    /** An smtpd relay-denied reject for {@code to}, stamped {@code stamp}. */
    static String reject(String stamp, String to) {
        return stamp + " mail postfix/smtpd[7]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <" + to + ">: "
                + "Relay access denied; from=<a@b.example> to=<" + to + "> proto=ESMTP helo=<h>";
    }

    static Path write(Path dir, String... lines) throws Exception {
        Path file = dir.resolve("test.log");
        Files.write(file, List.of(lines), StandardCharsets.ISO_8859_1);
        return file;
    }
}
