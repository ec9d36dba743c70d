package io.pflogstream.report;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.summary.DeliveryDelays;
import io.pflogstream.summary.DeliveryDelays.Stage;
import io.pflogstream.summary.HostOrder;
import io.pflogstream.summary.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's delivery-delay percentiles ({@code --delay-percentiles}), after postfix-logwatch's
 * "Delays Percentiles": every delivery's {@code delay=} and {@code delays=} stages, then
 * {@code delay=} per destination provider and per recipient domain. pflogsumm has no such
 * tables; the default report stays pflogsumm's.
 */
public final class DelaySection {
    /** The percentiles printed, then the maximum. */
    public static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99};

    public static final List<String> COLUMNS = List.of("p50", "p90", "p95", "p99", "max");

    private DelaySection() {}

    /** One row: what it is about, its deliveries, its percentiles and maximum in seconds. */
    public record Row(String name, long count, double[] seconds) {}

    /** One table: its title, what its rows are, the rows in print order. */
    public record Table(String title, String rowsAre, List<Row> rows) {}

    /** The row of one stage of some deliveries. */
    public static Row row(String name, DeliveryDelays d, Stage stage) {
        double[] v = new double[QUANTILES.length + 1];
        for (int i = 0; i < QUANTILES.length; i++) {
            v[i] = d.quantile(stage, QUANTILES[i]);
        }
        v[QUANTILES.length] = d.max(stage);
        return new Row(name, d.count(stage), v);
    }

    /**
     * The three tables: every stage over all deliveries; the total delay per provider (by
     * deliveries, then name) and per recipient domain (the report's {@code -h} rows).
     */
    public static List<Table> tables(Summary s, ReportOptions o) {
        List<Row> stages = new ArrayList<>();
        for (Stage stage :
                List.of(Stage.BEFORE_QMGR, Stage.IN_QMGR, Stage.CONN_SETUP, Stage.TRANSMISSION, Stage.TOTAL)) {
            if (s.delays.count(stage) > 0) {
                stages.add(row(stage.label, s.delays, stage));
            }
        }
        List<Row> providers = new ArrayList<>();
        List<Map.Entry<String, DeliveryDelays>> byProvider = new ArrayList<>(s.providerDelays.entrySet());
        byProvider.sort(HostOrder.byCountThenSize(DeliveryDelays::count, d -> 0L));
        byProvider.forEach(e -> providers.add(row(e.getKey(), e.getValue(), Stage.TOTAL)));
        List<Row> domains = new ArrayList<>();
        int limit = s.limitOfCut(o.print().hostLimit());
        if (limit != 0) {
            List<Map.Entry<String, Summary.DomainDelivery>> byDomain = new ArrayList<>();
            for (Map.Entry<String, Summary.DomainDelivery> e : s.recipientDomains.entrySet()) {
                if (e.getValue().delays.count() > 0) {
                    byDomain.add(e);
                }
            }
            byDomain.sort(HostOrder.byCountThenSize(d -> d.delays.count(), d -> 0L));
            for (Map.Entry<String, Summary.DomainDelivery> e :
                    limit < 0 ? byDomain : byDomain.subList(0, Math.min(limit, byDomain.size()))) {
                domains.add(row(e.getKey(), e.getValue().delays, Stage.TOTAL));
            }
        }
        String top = limit > 0 ? " (top " + limit + ")" : "";
        return List.of(
                new Table("Delivery Delay Percentiles", "stage", stages),
                new Table("Delivery Delays by Provider", "provider", providers),
                new Table("Delivery Delays by Recipient Domain" + top, "host/domain", domains));
    }

    /** The tables as the text report prints them. */
    public static String text(Summary s, ReportOptions o) {
        StringBuilder out = new StringBuilder();
        for (Table t : tables(s, o)) {
            out.append('\n')
                    .append(t.title())
                    .append('\n')
                    .append("-".repeat(t.title().length()))
                    .append('\n');
            if (t.rows().isEmpty()) {
                out.append(" none\n");
                continue;
            }
            out.append("  count      p50      p90      p95      p99      max  ")
                    .append(t.rowsAre())
                    .append('\n');
            out.append(" ------ -------- -------- -------- -------- --------  ")
                    .append("-".repeat(t.rowsAre().length()))
                    .append('\n');
            for (Row r : t.rows()) {
                out.append(PerlFormat.intUnits(r.count()));
                for (double v : r.seconds()) {
                    out.append(' ').append(seconds(v));
                }
                out.append("  ").append(r.name()).append('\n');
            }
        }
        return out.toString();
    }

    /** Eight columns: hundredths of a second under a minute, then minutes, hours, days. */
    static String seconds(double v) {
        if (Double.isNaN(v)) {
            return "       -";
        } else if (v < 60) {
            return String.format(Locale.ROOT, "%6.2f s", v);
        } else if (v < 3600) {
            return String.format(Locale.ROOT, "%6.1f m", v / 60);
        } else if (v < 86400) {
            return String.format(Locale.ROOT, "%6.1f h", v / 3600);
        }
        return String.format(Locale.ROOT, "%6.1f d", v / 86400);
    }
}
