package dev.tailguard.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.pii.PiiDetector.Type;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    @Test
    void detectsEachKind() {
        String text = "Mail john.doe@example.com or call (555) 123-4567 / +44 20 7946 0958. Server 192.168.1.10 "
                + "and 2001:db8::1. Card 4111 1111 1111 1111, not 4111 1111 1111 1112. Year 1999-2001, "
                + "time 12:30:45, version 1.2.3.4.5";
        PiiDetector.Report r = new PiiDetector().detect(text);
        assertThat(r.count(Type.EMAIL)).isEqualTo(1);
        assertThat(r.count(Type.PHONE)).isEqualTo(2);
        assertThat(r.count(Type.IPV4)).isEqualTo(1);
        assertThat(r.count(Type.IPV6)).isEqualTo(1);
        assertThat(r.count(Type.CARD)).isEqualTo(1);
        // "Mail " is 5 chars; "john.doe@example.com" is 20
        assertThat(r.spans().get(0)).isEqualTo(new PiiDetector.Span(Type.EMAIL, 5, 25));
        PiiDetector.Span card = r.spans().stream().filter(s -> s.type() == Type.CARD).findFirst().orElseThrow();
        assertThat(text.substring(card.start(), card.end())).isEqualTo("4111 1111 1111 1111");
    }

    @Test
    void luhnAndIpv6Validation() {
        // 4111111111111111: doubled digits from the right sum to 30 -> valid
        assertThat(PiiDetector.luhn("4111111111111111")).isTrue();
        assertThat(PiiDetector.luhn("4111111111111112")).isFalse();
        assertThat(PiiDetector.luhn("41111")).isFalse();
        assertThat(PiiDetector.isIpv6("fe80:0:0:0:202:b3ff:fe1e:8329")).isTrue();
        assertThat(PiiDetector.isIpv6("::1")).isTrue();
        assertThat(PiiDetector.isIpv6("12:30:45")).isFalse();
        assertThat(PiiDetector.isIpv6("1::2::3")).isFalse();
    }

    @Test
    void plainProseHasNoPii() {
        assertThat(new PiiDetector().detect("In 1861, 75,000 volunteers answered; see pp. 12-14.").spans())
                .isEmpty();
    }
}
