package io.pflogstream.io;

/** pflogsumm's report of one closed day, for one host or the fleet. */
public record DayReport(String host, String date, int revision, String text) {}
