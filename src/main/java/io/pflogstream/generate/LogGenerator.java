package io.pflogstream.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes a realistic Postfix log from a seed: several hosts interleaved as a syslog collector would
 * write them, days with a diurnal traffic curve, inbound, outbound, submission and pickup mail,
 * multi-recipient messages, deferrals with retries, bounces with their notifications, expiries,
 * forwards, rejects of several kinds, holds, discards, header checks, postscreen and TLS noise,
 * warnings. The line shapes are those of Postfix 3.7 (see ../shared/corpus). Lines are written in
 * time order through a small queue, so memory stays flat whatever the size of the output.
 */
public final class LogGenerator {
    /** What to generate. */
    /**
     * What to generate.
     *
     * @param reuseQueueIdsPercent how often a new message takes the queue ID of one removed before
     *     on its host, as Postfix does when a queue file's inode and time stamp come round again
     * @param newPeopleDaily every day has its own senders, recipients and users (the day's number
     *     is added to each local part): a table the job never clears grows day after day
     * @param people 0: the built-in names only; more: each local part is one of this many
     *     numbered variants of a name, for a fleet's millions of distinct addresses a day
     */
    public record Spec(
            long seed,
            int hosts,
            int days,
            int messagesPerDay,
            LocalDate firstDay,
            boolean rfc3339,
            boolean longQueueIds,
            int reuseQueueIdsPercent,
            boolean newPeopleDaily,
            int people) {
        public Spec(
                long seed,
                int hosts,
                int days,
                int messagesPerDay,
                LocalDate firstDay,
                boolean rfc3339,
                boolean longQueueIds,
                int reuseQueueIdsPercent) {
            this(seed, hosts, days, messagesPerDay, firstDay, rfc3339, longQueueIds, reuseQueueIdsPercent, false, 0);
        }

        public Spec(
                long seed,
                int hosts,
                int days,
                int messagesPerDay,
                LocalDate firstDay,
                boolean rfc3339,
                boolean longQueueIds) {
            this(seed, hosts, days, messagesPerDay, firstDay, rfc3339, longQueueIds, 0, false, 0);
        }
    }

    private static final String[] LOCAL_USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    private static final String[] REMOTE_DOMAINS = {
        "gmail.example",
        "outlook.example",
        "partner.example",
        "bigcorp.test",
        "customers.example.org",
        "isp.example.net",
        "mixed.example",
        "slow.example",
        "oldcorp.example",
        "down.example",
        "Shop.Example",
        "lists.example.com"
    };
    private static final String[] CLIENTS = {
        "smtp.bigcorp.test[127.0.0.5]",
        "mta1.newsletter.example[127.0.0.6]",
        "out.mailer.example.org[127.0.0.7]",
        "relay.isp.example.net[127.0.0.8]",
        "mta.shop.example[127.0.0.9]",
        "mail.partner.example[127.0.0.4]",
        "unknown[127.0.0.17]",
        "localhost[::1]",
        "mx.gw.example.co.uk[10.1.2.3]",
        "unknown[2001:db8::25]"
    };
    private static final String[] FIRST = {
        "john", "mary", "paul", "nina", "oscar", "tom", "linda", "kevin", "susan", "mark"
    };
    private static final String[] SUBJECTS = {
        "Invoice 42", "Re: budget Q4", "Newsletter issue 7", "Cheap pills online", "Quarterly figures"
    };

    private final Spec spec;
    private final SplittableRandom random;
    private final Writer out;
    private final PriorityQueue<Line> pending = new PriorityQueue<>();
    private final int[] queueCounter;
    /** Per host, queue IDs whose removed line is written, with its time: candidates for reuse. */
    private final java.util.List<java.util.ArrayDeque<RemovedId>> removed = new java.util.ArrayList<>();
    /** The time of the scenario being generated. */
    private long now;
    /** Whether each day holds the incidents of {@link #withIncidents}. */
    private boolean incidents;
    /** Queue IDs of the injected incidents' messages: a range of their own. */
    private int incidentQueueIds;

    private long order;

    private record RemovedId(long time, String queueId) {}

    private record Line(long time, long order, String host, String text) implements Comparable<Line> {
        public int compareTo(Line o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(order, o.order);
        }
    }

    public LogGenerator(Spec spec, Writer out) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.out = out;
        this.queueCounter = new int[spec.hosts()];
        for (int h = 0; h < spec.hosts(); h++) {
            removed.add(new java.util.ArrayDeque<>());
        }
    }

    /**
     * Adds, every day, incidents whose truth is known, to the traffic the seed makes (which is
     * unchanged): from 10:00, Gmail rate-limits the first two hosts (12 refusals, a flattened
     * multi-line 421 4.7.28, in 22 minutes) until mail to Gmail gets through from each at 10:50 and
     * 10:55; from 14:00, 198.51.100.66 fails AUTH 15 times over every host in 5 minutes with four
     * user names, then logs in as info@example.com on the first host at 14:06; from 16:00, a
     * mailing from news@example.com on the first host meets a stale list: 40 messages in 8 minutes,
     * 30 of them bounced (the host's and the sender domain's bounce rates far above their usual).
     * The rest of the day's traffic is the controls: greylisting, refused connections, a few
     * failed AUTH.
     */
    public LogGenerator withIncidents() {
        incidents = true;
        return this;
    }

    private void injectIncidents(long dayStart) {
        int blocked = Math.min(2, spec.hosts());
        for (int i = 0; i < 12; i++) {
            long t = dayStart + 10 * HOUR + i * 2 * MINUTE;
            int host = i % blocked;
            String q = incidentQueueId();
            incidentMessage(t, host, q);
            toGmail(
                    t,
                    host,
                    q,
                    "reader" + i + "@gmail.com",
                    "delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.28, status=deferred (host " + GMAIL_HOST
                            + " said: 421-4.7.28 [203.0.113.5      15] Our system has detected an unusual rate"
                            + " of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28"
                            + " users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited."
                            + " Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to"
                            + " 421 4.7.28 review our Bulk Email Senders Guidelines. d2si1 - gsmtp (in reply to end of DATA"
                            + " command))");
        }
        for (int host = 0; host < blocked; host++) {
            long t = dayStart + 10 * HOUR + (50 + 5 * host) * MINUTE;
            String q = incidentQueueId();
            incidentMessage(t, host, q);
            toGmail(
                    t,
                    host,
                    q,
                    "editor@gmail.com",
                    "delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK d2si2 - gsmtp)");
            emit(t + 1, host, "postfix/qmgr", pid(host, 2), q + ": removed");
        }
        String[] users = {"admin", "info@example.com", "test", "sales@example.com"};
        for (int i = 0; i < 15; i++) {
            long t = dayStart + 14 * HOUR + i * 20_000L;
            int host = i % spec.hosts();
            emit(
                    t,
                    host,
                    "postfix/submission/smtpd",
                    pid(host, 4000),
                    "warning: unknown[198.51.100.66]: SASL LOGIN"
                            + " authentication failed: authentication failure, sasl_username="
                            + users[i % users.length]);
        }
        long login = dayStart + 14 * HOUR + 6 * MINUTE;
        String q = incidentQueueId();
        emit(
                login,
                0,
                "postfix/submission/smtpd",
                pid(0, 4001),
                q + ": client=unknown[198.51.100.66], sasl_method=LOGIN, sasl_username=info@example.com");
        emit(login + 1, 0, "postfix/cleanup", pid(0, 4002), q + ": message-id=<" + q + "@example.com>");
        emit(
                login + 2,
                0,
                "postfix/qmgr",
                pid(0, 2),
                q + ": from=<info@example.com>, size=2210, nrcpt=1 (queue active)");
        emit(
                login + 900,
                0,
                "postfix/smtp",
                pid(0, 3000),
                q + ": to=<victim@partner.example>, relay="
                        + "mail.partner.example[127.0.0.4]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0,"
                        + " status=sent (250 2.0.0 Ok: queued as 7F1A2B3C4D)");
        emit(login + 901, 0, "postfix/qmgr", pid(0, 2), q + ": removed");
        for (int i = 0; i < 40; i++) {
            long t = dayStart + 16 * HOUR + i * 12_000L;
            String m = incidentQueueId();
            incidentMessage(t, 0, m);
            String to = "subscriber" + i + "@list-" + (i % 4) + ".example";
            String mx = "mx.list-" + (i % 4) + ".example[192.0.2." + (210 + i % 4) + "]";
            String outcome = i % 4 == 3
                    ? "dsn=2.0.0, status=sent (250 2.0.0 Ok)"
                    : "dsn=5.1.1, status=bounced (host " + mx + " said: 550 5.1.1 <" + to
                            + ">: Recipient address rejected: User unknown (in reply to RCPT TO command))";
            emit(
                    t,
                    0,
                    "postfix/smtp",
                    pid(0, 3000),
                    m + ": to=<" + to + ">, relay=" + mx + ":25, delay=0.5, delays=0.1/0/0.2/0.2, " + outcome);
            emit(t + 1, 0, "postfix/qmgr", pid(0, 2), m + ": removed");
        }
    }

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final String GMAIL_HOST = "gmail-smtp-in.l.google.com[142.250.1.27]";
    private static final String GMAIL_RELAY = GMAIL_HOST + ":25";

    /** smtp's line for a delivery attempt to Gmail: recipient, then delays, DSN, status and reply. */
    private void toGmail(long t, int host, String q, String to, String outcome) {
        emit(t, host, "postfix/smtp", pid(host, 3000), q + ": to=<" + to + ">, relay=" + GMAIL_RELAY + ", " + outcome);
    }

    /** A message of the incidents: queued by qmgr just before its delivery attempt. */
    private void incidentMessage(long t, int host, String q) {
        emit(
                t - 2,
                host,
                "postfix/qmgr",
                pid(host, 2),
                q + ": from=<news@example.com>, size=1800, nrcpt=1 (queue active)");
    }

    private String incidentQueueId() {
        return String.format("F%09X", incidentQueueIds++);
    }

    public void run() throws IOException {
        long start = spec.firstDay().atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1000;
        if (incidents) {
            for (int d = 0; d < spec.days(); d++) {
                injectIncidents(start + d * 86_400_000L);
            }
        }
        for (int h = 0; h < spec.hosts(); h++) {
            emit(
                    start + 1000 + h,
                    h,
                    "postfix/master",
                    pid(h, 1),
                    "daemon started -- version 3.7.11, configuration /etc/postfix");
        }
        long end = start + spec.days() * 86_400_000L;
        double perMs = spec.messagesPerDay() / 86_400_000.0;
        long t = start + 2000;
        while (t < end) {
            double hour = (t % 86_400_000L) / 3_600_000.0;
            // diurnal curve: quiet at night, busiest mid-afternoon
            double rate = perMs * (0.25 + 1.5 * Math.pow(Math.sin(Math.PI * hour / 24), 2));
            t += (long) (-Math.log(1 - random.nextDouble()) / rate) + 1;
            if (t >= end) {
                break;
            }
            flushBefore(t);
            now = t;
            scenario(t, random.nextInt(spec.hosts()));
        }
        flushBefore(Long.MAX_VALUE);
        out.flush();
    }

    private void scenario(long t, int host) {
        int pick = random.nextInt(100);
        if (pick < 30) inbound(t, host);
        else if (pick < 55) outbound(t, host, "postfix/smtpd", CLIENT_APP);
        else if (pick < 63) submission(t, host);
        else if (pick < 68) pickup(t, host);
        else if (pick < 82) reject(t, host);
        else if (pick < 86) headerCheck(t, host);
        else if (pick < 92) postscreenNoise(t, host);
        else if (pick < 96) warning(t, host);
        else if (pick < 98) smtpConnectFailure(t, host);
        else miscellany(t, host);
    }

    private static final String CLIENT_APP = "app1.example.com[127.0.0.2]";

    private void inbound(long t, int host) {
        String client = pickOf(CLIENTS);
        int pid = pid(host, 100 + random.nextInt(200));
        String smtpd = "postfix/smtpd";
        emit(t, host, smtpd, pid, "connect from " + client);
        String qid = queueId(host);
        long t1 = t + 200 + random.nextInt(800);
        emit(t1, host, smtpd, pid, qid + ": client=" + client);
        String sender = sender();
        int nrcpt = 1 + (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
        long size = size();
        emit(
                t1 + 50,
                host,
                "postfix/cleanup",
                pid(host, 400),
                qid + ": message-id=<" + Long.toHexString(random.nextLong()) + "@" + domainOf(sender) + ">");
        emit(
                t1 + 120,
                host,
                "postfix/qmgr",
                pid(host, 2),
                qid + ": from=<" + sender + ">, size=" + size + ", nrcpt=" + nrcpt + " (queue active)");
        emit(
                t1 + 300,
                host,
                smtpd,
                pid,
                "disconnect from " + client + " ehlo=1 mail=1 rcpt=" + nrcpt + " data=1 quit=1 commands="
                        + (4 + nrcpt));
        long done = t1 + 200;
        for (int r = 0; r < nrcpt; r++) {
            String user = person(LOCAL_USERS);
            done = Math.max(done, localDelivery(t1 + 200 + r * 37, host, qid, user));
        }
        emit(done + 10, host, "postfix/qmgr", pid(host, 2), qid + ": removed");
    }

    private long localDelivery(long t, int host, String qid, String user) {
        int kind = random.nextInt(20);
        String to = user + "@example.com";
        if (kind == 0) {
            String fwd = queueId(host);
            emit(
                    t,
                    host,
                    "postfix/local",
                    pid(host, 600),
                    qid + ": to=<" + to + ">, relay=local, delay=" + delay(t)
                            + ", delays=0.05/0.01/0/0.02, dsn=2.0.0, status=sent (forwarded as " + fwd + ")");
            emit(t + 5, host, "postfix/cleanup", pid(host, 400), fwd + ": message-id=<fwd" + fwd + "@example.com>");
            emit(
                    t + 10,
                    host,
                    "postfix/qmgr",
                    pid(host, 2),
                    fwd + ": from=<" + user + "@example.com>, size=" + size() + ", nrcpt=1 (queue active)");
            long t2 = remoteDelivery(t + 60, host, fwd, person(FIRST) + "@" + pickOf(REMOTE_DOMAINS), to, 0);
            emit(t2 + 5, host, "postfix/qmgr", pid(host, 2), fwd + ": removed");
            return t + 20;
        }
        if (kind == 1) {
            emit(
                    t,
                    host,
                    "postfix/local",
                    pid(host, 600),
                    qid + ": to=<nobody" + random.nextInt(9) + "@example.com>, relay=local, delay=" + delay(t)
                            + ", delays=0.02/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: \"nobody\")");
            bounceNotification(t + 20, host, qid);
            return t + 30;
        }
        String relay = kind < 4 ? "virtual" : "local";
        String daemon = kind < 4 ? "postfix/virtual" : "postfix/local";
        String orig = random.nextInt(5) == 0 ? "orig_to=<postmaster@example.com>, " : "";
        emit(
                t,
                host,
                daemon,
                pid(host, 600),
                qid + ": to=<" + to + ">, " + orig + "relay=" + relay + ", delay=" + delay(t)
                        + ", delays=0.04/0.01/0/0.01, dsn=2.0.0, status=sent (delivered to "
                        + (kind < 4 ? "maildir" : "mailbox") + ")");
        return t;
    }

    private void outbound(long t, int host, String smtpdTag, String client) {
        int pid = pid(host, 100 + random.nextInt(200));
        emit(t, host, smtpdTag, pid, "connect from " + client);
        String qid = queueId(host);
        long t1 = t + 100 + random.nextInt(300);
        emit(
                t1,
                host,
                smtpdTag,
                pid,
                qid + ": client=" + client
                        + (smtpdTag.contains("submission")
                                ? ", sasl_method=PLAIN, sasl_username=" + person(LOCAL_USERS) + "@example.com"
                                : ""));
        String sender = person(LOCAL_USERS) + (random.nextInt(8) == 0 ? "+tag" : "") + "@example.com";
        int nrcpt = 1 + (random.nextInt(4) == 0 ? random.nextInt(6) : 0);
        emit(
                t1 + 40,
                host,
                "postfix/cleanup",
                pid(host, 400),
                qid + ": message-id=<" + Long.toHexString(random.nextLong()) + "@example.com>");
        emit(
                t1 + 90,
                host,
                "postfix/qmgr",
                pid(host, 2),
                qid + ": from=<" + sender + ">, size=" + size() + ", nrcpt=" + nrcpt + " (queue active)");
        emit(
                t1 + 150,
                host,
                smtpdTag,
                pid,
                "disconnect from " + client + " ehlo=1 mail=1 rcpt=" + nrcpt + " data=1 quit=1 commands="
                        + (4 + nrcpt));
        long done = t1;
        for (int r = 0; r < nrcpt; r++) {
            done = Math.max(
                    done,
                    remoteDelivery(
                            t1 + 200 + r * 53,
                            host,
                            qid,
                            person(FIRST) + "." + person(FIRST) + "@" + pickOf(REMOTE_DOMAINS),
                            null,
                            0));
        }
        emit(done + 8, host, "postfix/qmgr", pid(host, 2), qid + ": removed");
    }

    /** Delivers (with retries) to a remote recipient; returns when the last attempt was logged. */
    private long remoteDelivery(long t, int host, String qid, String to, String origTo, int attempt) {
        String domain = domainOf(to).toLowerCase();
        String mx = "mx." + domain;
        String ip = "192.0.2." + (1 + Math.abs(domain.hashCode()) % 200);
        String orig = origTo == null ? "" : "orig_to=<" + origTo + ">, ";
        String head = qid + ": to=<" + to + ">, " + orig;
        int smtpPid = pid(host, 700 + random.nextInt(50));
        int outcome = random.nextInt(100);
        if (domain.equals("down.example") || (outcome < 8 && attempt < 3)) {
            String reason = domain.equals("down.example")
                    ? "connect to mx.down.example[192.0.2.99]:25: Connection refused"
                    : "host " + mx + "[" + ip + "] said: 450 4.2.0 <" + to
                            + ">: Recipient address rejected: Greylisted, see http://postgrey.example/help/" + domain
                            + " (in reply to RCPT TO command)";
            String relay = domain.equals("down.example") ? "none" : mx + "[" + ip + "]:25";
            emit(
                    t,
                    host,
                    "postfix/smtp",
                    smtpPid,
                    head + "relay=" + relay + ", delay=" + delay(t + attempt * 1800_000L)
                            + ", delays=0.1/0/0.05/0, dsn=4.4.1, status=deferred (" + reason + ")");
            if (attempt >= 2) {
                emit(
                        t + 600_000,
                        host,
                        "postfix/qmgr",
                        pid(host, 2),
                        qid + ": from=<x@example.com>, status=expired, returned to sender");
                bounceNotification(t + 600_100, host, qid);
                return t + 600_200;
            }
            return remoteDelivery(t + (long) (1 + random.nextInt(3)) * 1_800_000L, host, qid, to, origTo, attempt + 1);
        }
        if (outcome < 14 || domain.equals("oldcorp.example")) {
            emit(
                    t,
                    host,
                    "postfix/smtp",
                    smtpPid,
                    head + "relay=" + mx + "[" + ip + "]:25, delay=" + delay(t)
                            + ", delays=0.1/0/0.1/0.1, dsn=5.1.1, status=bounced (host " + mx + "[" + ip
                            + "] said: 550 5.1.1 <" + to
                            + ">: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))");
            bounceNotification(t + 30, host, qid);
            return t + 40;
        }
        String tag = domain.equals("lists.example.com") ? "postfix/lmtp" : "postfix/smtp";
        String port = domain.equals("lists.example.com") ? "24" : "25";
        String delay = domain.equals("slow.example") ? Integer.toString(10 + random.nextInt(100)) : delay(t);
        emit(
                t,
                host,
                tag,
                smtpPid,
                head + "relay=" + mx + "[" + ip + "]:" + port + (random.nextInt(6) == 0 ? ", conn_use=2" : "")
                        + ", delay=" + delay
                        + ", delays=0.1/0.01/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
                        + Long.toHexString(random.nextLong()).toUpperCase() + ")");
        return t;
    }

    private void bounceNotification(long t, int host, String qid) {
        String nqid = queueId(host);
        emit(
                t,
                host,
                "postfix/cleanup",
                pid(host, 400),
                nqid + ": message-id=<" + t + "." + nqid + "@mail.example.com>");
        emit(t + 2, host, "postfix/bounce", pid(host, 800), qid + ": sender non-delivery notification: " + nqid);
        emit(
                t + 4,
                host,
                "postfix/qmgr",
                pid(host, 2),
                nqid + ": from=<>, size=" + (2000 + random.nextInt(4000)) + ", nrcpt=1 (queue active)");
        emit(
                t + 30,
                host,
                "postfix/local",
                pid(host, 600),
                nqid + ": to=<" + person(LOCAL_USERS)
                        + "@example.com>, relay=local, delay=0.03, delays=0/0/0/0.03, dsn=2.0.0, status=sent (delivered to mailbox)");
        emit(t + 32, host, "postfix/qmgr", pid(host, 2), nqid + ": removed");
    }

    private void submission(long t, int host) {
        outbound(
                t,
                host,
                random.nextBoolean() ? "postfix/submission/smtpd" : "postfix/smtps/smtpd",
                "unknown[203.0.113." + (1 + random.nextInt(50)) + "]");
    }

    private void pickup(long t, int host) {
        String qid = queueId(host);
        String user = random.nextBoolean() ? "root" : person(LOCAL_USERS);
        emit(
                t,
                host,
                "postfix/pickup",
                pid(host, 300),
                qid + ": uid=" + (user.equals("root") ? 0 : 1000 + random.nextInt(9)) + " from=<" + user + ">");
        emit(t + 20, host, "postfix/cleanup", pid(host, 400), qid + ": message-id=<" + t + "@mail.example.com>");
        emit(
                t + 40,
                host,
                "postfix/qmgr",
                pid(host, 2),
                qid + ": from=<" + user + "@mail.example.com>, size=" + size() + ", nrcpt=1 (queue active)");
        long done = random.nextBoolean()
                ? localDelivery(t + 60, host, qid, person(LOCAL_USERS))
                : remoteDelivery(t + 60, host, qid, person(FIRST) + "@" + pickOf(REMOTE_DOMAINS), null, 0);
        emit(done + 5, host, "postfix/qmgr", pid(host, 2), qid + ": removed");
    }

    private void reject(long t, int host) {
        String client = pickOf(CLIENTS);
        int pid = pid(host, 100 + random.nextInt(200));
        String tag = "postfix/smtpd";
        String from = sender();
        String helo = "helo=<" + client.substring(0, client.indexOf('[')) + ">";
        emit(t, host, tag, pid, "connect from " + client);
        String line = switch (random.nextInt(9)) {
            case 0 ->
                "NOQUEUE: reject: RCPT from " + client + ": 554 5.7.1 <" + person(FIRST)
                        + "@elsewhere.example>: Relay access denied; from=<" + from
                        + "> to=<x@elsewhere.example> proto=ESMTP " + helo;
            case 1 ->
                "NOQUEUE: reject: RCPT from " + client + ": 550 5.1.1 <" + person(FIRST)
                        + "@example.com>: Recipient address rejected: User unknown in local recipient table; from=<"
                        + from + "> to=<nobody@example.com> proto=ESMTP " + helo;
            case 2 ->
                "NOQUEUE: reject: RCPT from " + client + ": 554 5.7.1 <" + client.substring(0, client.indexOf('['))
                        + ">: Client host rejected: Access denied; from=<" + from
                        + "> to=<alice@example.com> proto=ESMTP " + helo;
            case 3 ->
                "NOQUEUE: reject: MAIL from " + client + ": 552 5.3.4 Message size exceeds fixed limit; proto=ESMTP "
                        + helo;
            case 4 ->
                "NOQUEUE: reject_warning: RCPT from " + client
                        + ": 450 4.7.1 Client host rejected: cannot find your hostname, ["
                        + client.substring(client.indexOf('[') + 1, client.length() - 1) + "]; from=<" + from
                        + "> to=<bob@example.com> proto=ESMTP " + helo;
            case 5 ->
                "NOQUEUE: hold: RCPT from " + client + ": <" + from + ">: Sender address triggers HOLD action; from=<"
                        + from + "> to=<carol@example.com> proto=ESMTP " + helo;
            case 6 ->
                "NOQUEUE: discard: RCPT from " + client + ": <" + from
                        + ">: Sender address triggers DISCARD action; from=<" + from
                        + "> to=<dave@example.com> proto=ESMTP " + helo;
            case 7 ->
                "NOQUEUE: reject: RCPT from " + client + ": 450 4.1.8 <" + from
                        + ">: Sender address rejected: Domain not found; from=<" + from
                        + "> to=<erin@example.com> proto=ESMTP " + helo;
            default ->
                "NOQUEUE: reject: RCPT from " + client + ": 550 5.1.1 <" + person(FIRST)
                        + "@nosuch.example>: Recipient address rejected: Host or domain name not found; from=<" + from
                        + "> to=<p@nosuch.example> proto=ESMTP " + helo;
        };
        emit(t + 300, host, tag, pid, line);
        emit(t + 500, host, tag, pid, "disconnect from " + client + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
    }

    private void headerCheck(long t, int host) {
        String client = pickOf(CLIENTS);
        int pid = pid(host, 100 + random.nextInt(200));
        String qid = queueId(host);
        emit(t, host, "postfix/smtpd", pid, "connect from " + client);
        emit(t + 100, host, "postfix/smtpd", pid, qid + ": client=" + client);
        String action = switch (random.nextInt(4)) {
            case 0 -> "reject";
            case 1 -> "hold";
            case 2 -> "warning";
            default -> "discard";
        };
        String from = sender();
        emit(
                t + 150,
                host,
                "postfix/cleanup",
                pid(host, 400),
                qid + ": " + action + ": header Subject: " + pickOf(SUBJECTS) + " from " + client + "; from=<" + from
                        + "> to=<alice@example.com> proto=ESMTP helo=<x>: "
                        + ("reject".equals(action) ? "5.7.1 Spam" : "Subject checked"));
        if (!action.equals("reject") && !action.equals("discard")) {
            emit(
                    t + 200,
                    host,
                    "postfix/qmgr",
                    pid(host, 2),
                    qid + ": from=<" + from + ">, size=" + size() + ", nrcpt=1 (queue active)");
            long done = localDelivery(t + 260, host, qid, "alice");
            emit(done + 5, host, "postfix/qmgr", pid(host, 2), qid + ": removed");
        }
        emit(
                t + 400,
                host,
                "postfix/smtpd",
                pid,
                "disconnect from " + client + " ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5");
    }

    private void postscreenNoise(long t, int host) {
        String ip = "198.51.100." + (1 + random.nextInt(99));
        int pid = pid(host, 50);
        emit(
                t,
                host,
                "postfix/postscreen",
                pid,
                "CONNECT from [" + ip + "]:" + (30000 + random.nextInt(30000)) + " to [192.0.2.1]:25");
        String verdict = switch (random.nextInt(4)) {
            case 0 -> "PASS NEW [" + ip + "]:40000";
            case 1 -> "PREGREET 11 after 0.05 from [" + ip + "]:40000: EHLO x\\r\\n";
            case 2 -> "DENYLISTED [" + ip + "]:40000";
            default -> "ALLOWLISTED [" + ip + "]:40000";
        };
        emit(t + 50, host, "postfix/postscreen", pid, verdict);
        emit(t + 90, host, "postfix/postscreen", pid, "DISCONNECT [" + ip + "]:40000");
        emit(
                t + 100,
                host,
                "postfix/smtpd",
                pid(host, 100 + random.nextInt(200)),
                "Anonymous TLS connection established from " + pickOf(CLIENTS)
                        + ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
    }

    private void warning(long t, int host) {
        String client = pickOf(CLIENTS);
        String text = switch (random.nextInt(4)) {
            case 0 -> client + ": SASL LOGIN authentication failed: authentication failure";
            case 1 ->
                "hostname " + client.substring(0, client.indexOf('[')) + " does not resolve to address "
                        + client.substring(client.indexOf('[') + 1, client.length() - 1);
            case 2 -> "non-SMTP command from " + client + ": GET / HTTP/1.1";
            default -> "Illegal address syntax from " + client + " in MAIL command: <bad@@example>";
        };
        emit(t, host, "postfix/smtpd", pid(host, 100 + random.nextInt(200)), "warning: " + text);
    }

    private void smtpConnectFailure(long t, int host) {
        emit(t, host, "postfix/smtp", pid(host, 700), "connect to mx.down.example[192.0.2.99]:25: Connection refused");
        emit(
                t + 1,
                host,
                "postfix/smtp",
                pid(host, 701),
                "connect to mx2.down.example[192.0.2.98]: Connection timed out (port 25)");
    }

    private void miscellany(long t, int host) {
        switch (random.nextInt(4)) {
            case 0 ->
                emit(
                        t,
                        host,
                        "postfix/anvil",
                        pid(host, 900),
                        "statistics: max connection rate 1/60s for (smtp:192.0.2.7) at Nov 27 21:17:49");
            case 1 ->
                emit(t, host, "postfix/master", pid(host, 1), "reload -- version 3.7.11, configuration /etc/postfix");
            case 2 ->
                emit(
                        t,
                        host,
                        "postfix/sendmail",
                        pid(host, 950),
                        "fatal: root(0): Recipient addresses must be specified on the command line or via the -t option");
            default -> emit(t, host, "postfix/postfix-script", pid(host, 960), "refreshing the Postfix mail system");
        }
    }

    // ---- small helpers ------------------------------------------------------------------------

    private void emit(long time, int host, String tag, int pid, String message) {
        Line line = new Line(time, order++, hostName(host), tag + "[" + pid + "]: " + message);
        pending.add(line);
        if (spec.reuseQueueIdsPercent() > 0 && message.endsWith(": removed")) {
            java.util.ArrayDeque<RemovedId> ids = removed.get(host);
            ids.addLast(new RemovedId(time, message.substring(0, message.indexOf(':'))));
            if (ids.size() > 1000) {
                ids.removeFirst();
            }
        }
    }

    private void flushBefore(long t) throws IOException {
        while (!pending.isEmpty() && pending.peek().time() < t) {
            Line l = pending.poll();
            out.write(stamp(l.time()));
            out.write(' ');
            out.write(l.host());
            out.write(' ');
            out.write(l.text());
            out.write('\n');
        }
    }

    private String stamp(long millis) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
        if (spec.rfc3339()) {
            return String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00",
                    d.getYear(),
                    d.getMonthValue(),
                    d.getDayOfMonth(),
                    d.getHour(),
                    d.getMinute(),
                    d.getSecond(),
                    d.getNano() / 1000);
        }
        return String.format(
                "%s %2d %02d:%02d:%02d",
                MONTHS[d.getMonthValue() - 1], d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond());
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private String hostName(int host) {
        return host == 0 ? "mail" : "mx" + host;
    }

    /** Each host has its own PID range, as separate machines would. */
    private int pid(int host, int base) {
        return 10_000 * (host + 1) + base;
    }

    private String queueId(int host) {
        if (spec.reuseQueueIdsPercent() > 0 && random.nextInt(100) < spec.reuseQueueIdsPercent()) {
            java.util.ArrayDeque<RemovedId> ids = removed.get(host);
            if (!ids.isEmpty() && ids.peekFirst().time() < now) {
                return ids.pollFirst().queueId();
            }
        }
        int n = ++queueCounter[host];
        if (spec.longQueueIds()) {
            return "4" + Long.toString(Math.abs(random.nextLong()) % 0x7fffffffffL, 36) + "z" + Integer.toString(n, 36);
        }
        return String.format("%05X%01X%05X", random.nextInt(0x100000), host & 0xF, n & 0xFFFFF);
    }

    private String sender() {
        int k = random.nextInt(10);
        if (k == 0) return "bounce-" + random.nextInt(99999) + "-" + person(FIRST) + "=example.com@newsletter.example";
        return person(FIRST) + (k < 3 ? "." + person(FIRST) : "") + "@" + pickOf(REMOTE_DOMAINS);
    }

    private long size() {
        double r = random.nextDouble();
        return (long) (300 + Math.pow(r, 6) * 3_500_000);
    }

    /** Postfix's delay format: two decimals under 1 s, one under 10 s, none above. */
    private String delay(long salt) {
        double d = Math.pow(random.nextDouble(), 3) * 30;
        if (d < 1) return String.format(java.util.Locale.ROOT, "%.2f", d);
        if (d < 10) return String.format(java.util.Locale.ROOT, "%.1f", d);
        return Long.toString(Math.round(d));
    }

    /** A local part; with {@link Spec#newPeopleDaily} one of the current day's own. */
    private String person(String[] names) {
        String name = pickOf(names);
        if (spec.people() > 0) {
            name = name + random.nextInt(spec.people());
        }
        return spec.newPeopleDaily() ? name + ".d" + Math.floorDiv(now, 86_400_000L) % 100_000 : name;
    }

    private String pickOf(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String domainOf(String addr) {
        return addr.substring(addr.indexOf('@') + 1);
    }
}
