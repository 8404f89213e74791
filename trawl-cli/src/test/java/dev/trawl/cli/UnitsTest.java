package dev.trawl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class UnitsTest {

    private final Units.DurationConverter durations = new Units.DurationConverter();
    private final Units.SizeConverter sizes = new Units.SizeConverter();

    @Test
    void readsDurations() {
        assertThat(durations.convert("0")).isZero();
        assertThat(durations.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(durations.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(durations.convert("1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> durations.convert("5"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("invalid duration '5'");
        assertThatThrownBy(() -> durations.convert("-1s")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void readsSizes() {
        assertThat(sizes.convert("1000")).isEqualTo(1000);
        assertThat(sizes.convert("500k")).isEqualTo(512_000);
        assertThat(sizes.convert("10MB")).isEqualTo(10L << 20);
        assertThat(sizes.convert("1 GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> sizes.convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> sizes.convert("lots")).hasMessageContaining("invalid size 'lots'");
    }
}
