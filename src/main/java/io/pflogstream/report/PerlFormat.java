package io.pflogstream.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** printf as Perl (C) does it: %d truncates a float, %f rounds the exact binary value. */
final class PerlFormat {
    private static final double DIV_BY_ONE_K_AT = 524288;
    private static final double DIV_BY_ONE_MEG_AT = 536870912;

    private PerlFormat() {}

    /** {@code %Nd} of a Perl number. */
    static String d(double value, int width) {
        return pad(Long.toString((long) value), width);
    }

    static String d(long value, int width) {
        return pad(Long.toString(value), width);
    }

    /** {@code %N.1f} as C prints it (Java's %f would round 0.15 up; C rounds the binary value down). */
    static String f1(double value, int width) {
        return pad(new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString(), width);
    }

    /** {@code %6d%s} of {@code adj_int_units}: bytes and counts shown in k or m past 512k / 512m. */
    static String intUnits(double value) {
        return intUnits(value, 6);
    }

    /** {@code %Nd%s} of {@code adj_int_units}; width 0 for a bare {@code %d%s}. */
    static String intUnits(double value, int width) {
        if (value > DIV_BY_ONE_MEG_AT) {
            return d(value / 1048576, width) + "m";
        } else if (value > DIV_BY_ONE_K_AT) {
            return d(value / 1024, width) + "k";
        }
        return d(value, width) + " ";
    }

    /** {@code %5.1f %s} of {@code adj_time_units}. */
    static String timeUnits(double seconds) {
        if (seconds > 3600) {
            return f1(seconds / 3600, 5) + " h";
        } else if (seconds > 60) {
            return f1(seconds / 60, 5) + " m";
        }
        return f1(seconds, 5) + " s";
    }

    /** {@code %2d:%02d:%02d} of {@code get_smh}, which leaves a fraction in the seconds. */
    static String hms(double seconds) {
        long hr = (long) (seconds / 3600);
        double rest = seconds - hr * 3600;
        long min = (long) (rest / 60);
        rest -= min * 60;
        return pad(Long.toString(hr), 2) + ":" + String.format("%02d:%02d", min, (long) rest);
    }

    static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        return " ".repeat(width - s.length()) + s;
    }
}
