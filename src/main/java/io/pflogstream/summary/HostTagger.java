package io.pflogstream.summary;

import org.apache.flink.util.Collector;

/** Lets a stage emit plain facts while its output carries the host. */
public final class HostTagger implements Collector<ReportFact> {
    private final Collector<HostFact> out;
    private String host;

    public HostTagger(Collector<HostFact> out) {
        this.out = out;
    }

    public HostTagger on(String host) {
        this.host = host;
        return this;
    }

    @Override
    public void collect(ReportFact fact) {
        out.collect(new HostFact(host, fact));
    }

    @Override
    public void close() {
        out.close();
    }
}
