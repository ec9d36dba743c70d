package io.pflogstream.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PflogsummTextTest {
    @Test
    void gimmeDomainKeepsTheLastTwoLabelsOrTheAddressOfUnknownHosts() {
        assertThat(PflogsummText.gimmeDomain("app2.example.com[127.0.0.3]")).isEqualTo("example.com");
        assertThat(PflogsummText.gimmeDomain("mail.partner.example[127.0.0.4]")).isEqualTo("mail.partner.example");
        assertThat(PflogsummText.gimmeDomain("mx.gw.Example.CO.UK[10.1.2.3]")).isEqualTo("example.co.uk");
        assertThat(PflogsummText.gimmeDomain("unknown[127.0.0.17]")).isEqualTo("127.0.0.17");
        assertThat(PflogsummText.gimmeDomain("localhost[::1]")).isEqualTo("localhost");
        assertThat(PflogsummText.gimmeDomain("unknown[2001:db8::25]")).isEqualTo("2001:db8::25");
        // pflogsumm 1.1.5 cannot read an IPv6 client followed by command counters
        assertThat(PflogsummText.gimmeDomain("localhost[::1] ehlo=1 mail=1 commands=5"))
                .isEmpty();
    }

    @Test
    void saidStringTrimmerDropsLeadingPartsUntilItFits() {
        String reason = "host mx.mixed.example[127.0.0.28] said: 450 4.2.0 <a@mixed.example>: Recipient address "
                + "rejected: Greylisted, see http://postgrey.example/help/mx.mixed.example (in reply to RCPT TO command)";
        assertThat(PflogsummText.saidStringTrimmer(reason, 65))
                .isEqualTo("//postgrey.example/help/mx.mixed.example (in reply to RCPT TO ...");
        assertThat(PflogsummText.saidStringTrimmer("short", 65)).isEqualTo("short");
    }

    @Test
    void stringTrimmerCutsWithAnEllipsisUnlessVerbose() {
        String text = "x".repeat(70);
        assertThat(PflogsummText.stringTrimmer(text, 66, false)).hasSize(66).endsWith("...");
        assertThat(PflogsummText.stringTrimmer(text, 66, true)).isEqualTo(text);
    }

    @Test
    void addressCaseFoldsTheDomainOnlyUnlessIgnoringCase() {
        assertThat(PflogsummText.foldAddressCase("Mary.Lee@Shop.Example", false))
                .isEqualTo("Mary.Lee@shop.example");
        assertThat(PflogsummText.foldAddressCase("Mary.Lee@Shop.Example", true)).isEqualTo("mary.lee@shop.example");
        assertThat(PflogsummText.foldAddressCase("NoDomain", false)).isEqualTo("NoDomain");
    }

    @Test
    void verpMungCollapsesBounceAddresses() {
        String verp = "bounce-72640-emma=example.com@newsletter.example";
        assertThat(PflogsummText.verpMung(verp, null)).isEqualTo(verp);
        assertThat(PflogsummText.verpMung(verp, 1)).isEqualTo("bounce-ID-emma=example.com@newsletter.example");
        assertThat(PflogsummText.verpMung(verp, 2)).isEqualTo("bounce-ID@newsletter.example");
    }

    @Test
    void uucpBangPathsAreRewritten() {
        assertThat(PflogsummText.uucpMung("host!user@domain")).isEqualTo("domain!user@host");
    }
}
