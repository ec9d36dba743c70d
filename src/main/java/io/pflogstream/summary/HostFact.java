package io.pflogstream.summary;

/** A fact with the host it happened on, the key of the per-host windows. */
public record HostFact(String host, ReportFact fact) {}
