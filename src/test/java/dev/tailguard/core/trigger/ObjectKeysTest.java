package dev.tailguard.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    @Test
    void traversalAbsoluteEmptySegmentsAndControlCharactersAreUnsafe() {
        assertThat(ObjectKeys.unsafe("incoming/a b+c.jsonl")).isEmpty();
        assertThat(ObjectKeys.unsafe("incoming/../../x.jsonl")).get().asString().contains("'..' segment");
        assertThat(ObjectKeys.unsafe("incoming/./x.jsonl")).get().asString().contains("'.' segment");
        assertThat(ObjectKeys.unsafe("/etc/passwd")).get().asString().contains("absolute");
        assertThat(ObjectKeys.unsafe("incoming//x.jsonl")).get().asString().contains("empty segment");
        assertThat(ObjectKeys.unsafe("incoming\\..\\x.jsonl")).get().asString().contains("backslash");
        assertThat(ObjectKeys.unsafe("incoming/x\u0000.jsonl")).get().asString().contains("U+0000");
        assertThat(ObjectKeys.under("incoming/x.jsonl", "incoming/")).isTrue();
        assertThat(ObjectKeys.under("incoming/../x.jsonl", "incoming/")).isFalse();
        IncomingObjectPolicy p = IncomingObjectPolicy.forBucket("b");
        assertThat(p.check(new ObjectCreated("b", "incoming/../runs/r1/x.jsonl", 5, "e")).rejectedAs())
                .isEqualTo(RejectReason.UNSAFE_KEY);
    }
}
