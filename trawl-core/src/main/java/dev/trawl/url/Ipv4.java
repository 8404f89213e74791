package dev.trawl.url;

import java.util.ArrayList;
import java.util.List;

/** The WHATWG IPv4 parser: one to four parts, each decimal, octal ({@code 010}) or hex ({@code 0x8}). */
final class Ipv4 {

    private Ipv4() {}

    /** True when the last label is a number, so the host must parse as IPv4 or fail. */
    static boolean endsInNumber(String host) {
        List<String> parts = split(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(WhatwgUrlParser::isAsciiDigit)) {
            return true;
        }
        return parseNumber(last) >= 0;
    }

    /** The parts, with one trailing empty part (a final dot) removed. */
    private static List<String> split(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty()) {
            if (parts.size() == 1) {
                return List.of();
            }
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    static long parse(String host) {
        List<String> parts = split(host);
        if (parts.size() > 4) {
            throw new InvalidUrlException("IPv4 address with more than four parts");
        }
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < numbers.length; i++) {
            long n = parseNumber(parts.get(i));
            if (n < 0) {
                throw new InvalidUrlException("invalid IPv4 address");
            }
            boolean last = i == numbers.length - 1;
            if (n >= (last ? 1L << (8 * (5 - numbers.length)) : 256)) {
                throw new InvalidUrlException("IPv4 address part out of range");
            }
            numbers[i] = n;
        }
        long address = numbers[numbers.length - 1];
        for (int i = 0; i < numbers.length - 1; i++) {
            address += numbers[i] << (8 * (3 - i));
        }
        return address;
    }

    /** The number a part stands for; -1 when it is not a number; {@link #TOO_BIG} past 2^40 (out of range anyway). */
    private static long parseNumber(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) > 0x7F ? -1 : Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = value >= TOO_BIG ? TOO_BIG : value * radix + d;
        }
        return value;
    }

    private static final long TOO_BIG = 1L << 40;

    static String serialize(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
