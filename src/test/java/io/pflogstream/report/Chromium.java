package io.pflogstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** A page as a person sees it: Debian's headless Chromium (scripts/test.sh installs it), network shut. */
final class Chromium {
    private Chromium() {}

    /** The screenshot of {@code html} in a window {@code width} × {@code height}, taken in {@code dir}. */
    static BufferedImage screenshot(String html, Path dir, int width, int height) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Requires.that(Files.isExecutable(chromium), "chromium is not installed (scripts/test.sh installs it)");
        Path page = dir.resolve("page.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path png = dir.resolve("page.png");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--window-size=" + width + "," + height,
                        "--screenshot=" + png,
                        page.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(png).exists();
        return ImageIO.read(png.toFile());
    }

    /** How many pixels have exactly this colour. */
    static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
