package io.pflogstream.syslog;

/** Calendar arithmetic on wall-clock fields, with no time zone (what Date::Calc does for pflogsumm). */
public final class CivilTime {
    private CivilTime() {}

    /** Days since 1970-01-01 in the proleptic Gregorian calendar. */
    public static long epochDay(int year, int month0, int day) {
        long y = year;
        long m = month0 + 1;
        if (m <= 2) {
            y -= 1;
            m += 12;
        }
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m - 3) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static long epochMillis(int year, int month0, int day, int hour, int minute, int second) {
        return ((epochDay(year, month0, day) * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    }

    /** yyyymmdd (1-based month) of an epoch-millis wall-clock instant. */
    public static int dateKeyOf(long epochMillis) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    public static int hourOf(long epochMillis) {
        return (int) (Math.floorMod(epochMillis, 86_400_000L) / 3_600_000L);
    }
}
