package dev.trawl.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsing of the CLI's durations ({@code 250ms}, {@code 1.5s}, {@code 2m}) and sizes ({@code 10MB}). */
final class Units {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private Units() {
    }

    /** A duration: a number with ms, s, m or h; a bare {@code 0} is allowed. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = AMOUNT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                Long unitMillis = switch (m.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1000L;
                    case "m", "min" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "" -> n == 0 ? 1L : null;
                    default -> null;
                };
                if (unitMillis != null) {
                    return Duration.ofNanos(Math.round(n * unitMillis * 1_000_000));
                }
            }
            throw new TypeConversionException("invalid duration '" + value + "': use e.g. 0, 250ms, 1.5s, 2m");
        }
    }

    /** A byte count: a number with an optional k, m or g (powers of 1024; {@code KB}, {@code MiB} too). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = AMOUNT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                double n = Double.parseDouble(m.group(1));
                Long unit = switch (m.group(2)) {
                    case "", "b" -> 1L;
                    case "k", "kb", "kib" -> 1L << 10;
                    case "m", "mb", "mib" -> 1L << 20;
                    case "g", "gb", "gib" -> 1L << 30;
                    default -> null;
                };
                if (unit != null && n * unit >= 1) {
                    return (long) (n * unit);
                }
            }
            throw new TypeConversionException("invalid size '" + value + "': use e.g. 500k, 10MB, 1g");
        }
    }
}
