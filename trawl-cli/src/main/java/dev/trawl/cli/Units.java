package dev.trawl.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsing of the CLI's durations ({@code 250ms}, {@code 1.5s}, {@code 2m}) and sizes ({@code 10MB}). */
final class Units {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private static final Map<String, Long> NANOS = Map.of(
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "min",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private static final Map<String, Long> BYTES = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("b", 1L),
            Map.entry("k", 1L << 10),
            Map.entry("kb", 1L << 10),
            Map.entry("kib", 1L << 10),
            Map.entry("m", 1L << 20),
            Map.entry("mb", 1L << 20),
            Map.entry("mib", 1L << 20),
            Map.entry("g", 1L << 30),
            Map.entry("gb", 1L << 30),
            Map.entry("gib", 1L << 30));

    private Units() {}

    /** A number times its unit from the table, or -1 when the text is not a number with such a unit. */
    private static double scaled(String value, Map<String, Long> units) {
        Matcher m = AMOUNT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        double n = Double.parseDouble(m.group(1));
        if (m.group(2).isEmpty() && n == 0) {
            return 0;
        }
        Long unit = units.get(m.group(2));
        return unit == null ? -1 : n * unit;
    }

    /** A duration: a number with ms, s, m or h; a bare {@code 0} is allowed. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double nanos = scaled(value, NANOS);
            if (nanos < 0) {
                throw new TypeConversionException("invalid duration '" + value + "': use e.g. 0, 250ms, 1.5s, 2m");
            }
            return Duration.ofNanos(Math.round(nanos));
        }
    }

    /** A byte count: a number with an optional k, m or g (powers of 1024; {@code KB}, {@code MiB} too). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            double bytes = scaled(value, BYTES);
            if (bytes < 1) {
                throw new TypeConversionException("invalid size '" + value + "': use e.g. 500k, 10MB, 1g");
            }
            return (long) bytes;
        }
    }
}
