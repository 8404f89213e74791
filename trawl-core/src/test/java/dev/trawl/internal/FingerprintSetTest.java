package dev.trawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {

    @Test
    void remembersEveryFingerprintThroughGrowth() {
        FingerprintSet set = new FingerprintSet();
        for (long i = -50_000; i < 50_000; i++) {
            assertThat(set.add(i * 0x9E3779B97F4A7C15L)).isTrue();
        }
        for (long i = -50_000; i < 50_000; i++) {
            assertThat(set.add(i * 0x9E3779B97F4A7C15L)).isFalse();
        }
        assertThat(set.size()).isEqualTo(100_000);
    }

    @Test
    void neverTakesMoreThanSixteenBytesPerFingerprint() {
        FingerprintSet set = new FingerprintSet();
        double most = 0;
        for (int i = 1; i <= 3_000_000; i++) {
            set.add(Fingerprint.of("http://example.com/" + i));
            if (i >= 1_000) {
                most = Math.max(most, 8.0 * set.capacity() / set.size());
            }
        }
        assertThat(most).isLessThanOrEqualTo(16.0);
        assertThat(set.size()).isEqualTo(3_000_000);
    }

    @Test
    void containsWhatWasAddedAndNothingElse() {
        FingerprintSet set = new FingerprintSet();
        for (long i = 0; i < 5_000; i += 2) {
            set.add(i * 0x9E3779B97F4A7C15L);
        }
        for (long i = 0; i < 5_000; i++) {
            assertThat(set.contains(i * 0x9E3779B97F4A7C15L)).as("%d", i).isEqualTo(i % 2 == 0);
        }
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(2_500);
    }

    @Test
    void urlFingerprintsDoNotCollideOnSimilarUrls() {
        Set<Long> prints = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            prints.add(Fingerprint.of("http://example.com/page?id=" + i));
        }
        assertThat(prints).hasSize(200_000);
        assertThat(Fingerprint.of("http://a.test/")).isNotEqualTo(Fingerprint.of("http://a.test"));
    }
}
