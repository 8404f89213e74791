package dev.trawl.url;

/** The WHATWG IPv6 parser and serializer (eight 16-bit pieces, {@code ::} compression). */
final class Ipv6 {

    private Ipv6() {}

    static int[] parse(String s) {
        int[] address = new int[8];
        int piece = 0;
        int compress = -1;
        int p = 0;
        int n = s.length();
        if (p < n && s.charAt(p) == ':') {
            if (p + 1 >= n || s.charAt(p + 1) != ':') {
                throw invalid();
            }
            p += 2;
            compress = ++piece;
        }
        while (p < n) {
            if (piece == 8) {
                throw invalid();
            }
            if (s.charAt(p) == ':') {
                if (compress >= 0) {
                    throw invalid();
                }
                p++;
                compress = ++piece;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && p < n && PercentEncoding.hexValue(s.charAt(p)) >= 0) {
                value = value * 16 + PercentEncoding.hexValue(s.charAt(p));
                p++;
                length++;
            }
            if (p < n && s.charAt(p) == '.') {
                if (length == 0) {
                    throw invalid();
                }
                p -= length;
                if (piece > 6) {
                    throw invalid();
                }
                piece = parseEmbeddedIpv4(s, p, address, piece);
                p = n;
                break;
            } else if (p < n && s.charAt(p) == ':') {
                p++;
                if (p >= n) {
                    throw invalid();
                }
            } else if (p < n) {
                throw invalid();
            }
            address[piece++] = value;
        }
        if (compress >= 0) {
            int swaps = piece - compress;
            piece = 7;
            while (piece != 0 && swaps > 0) {
                int tmp = address[piece];
                address[piece] = address[compress + swaps - 1];
                address[compress + swaps - 1] = tmp;
                piece--;
                swaps--;
            }
        } else if (piece != 8) {
            throw invalid();
        }
        return address;
    }

    private static int parseEmbeddedIpv4(String s, int p, int[] address, int piece) {
        int n = s.length();
        int numbersSeen = 0;
        while (p < n) {
            int value = -1;
            if (numbersSeen > 0) {
                if (s.charAt(p) == '.' && numbersSeen < 4) {
                    p++;
                } else {
                    throw invalid();
                }
            }
            if (p >= n || !WhatwgUrlParser.isAsciiDigit(s.charAt(p))) {
                throw invalid();
            }
            while (p < n && WhatwgUrlParser.isAsciiDigit(s.charAt(p))) {
                int digit = s.charAt(p) - '0';
                if (value == -1) {
                    value = digit;
                } else if (value == 0) {
                    throw invalid();
                } else {
                    value = value * 10 + digit;
                }
                if (value > 255) {
                    throw invalid();
                }
                p++;
            }
            address[piece] = address[piece] * 0x100 + value;
            numbersSeen++;
            if (numbersSeen == 2 || numbersSeen == 4) {
                piece++;
            }
        }
        if (numbersSeen != 4) {
            throw invalid();
        }
        return piece;
    }

    static String serialize(int[] address) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (address[i] == 0) {
                int j = i;
                while (j < 8 && address[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean ignore0 = false;
        for (int i = 0; i < 8; i++) {
            if (ignore0 && address[i] == 0) {
                continue;
            }
            ignore0 = false;
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }
            sb.append(Integer.toHexString(address[i]));
            if (i != 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static InvalidUrlException invalid() {
        return new InvalidUrlException("invalid IPv6 address");
    }
}
