package dev.trawl.fetch;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * Why a TLS handshake failed, in the words a user knows from browsers. The JDK nests the reason
 * several causes deep (an SSLHandshakeException over a ValidatorException over a
 * CertPathBuilderException): the deepest cause alone reads as an I/O error.
 */
final class TlsFailures {

    private TlsFailures() {}

    /** The reason, or {@code null} when {@code t} is not a TLS failure. */
    static String reason(Throwable t) {
        SSLException ssl = null;
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (ssl == null && c instanceof SSLException s) {
                ssl = s;
            }
            if (ssl != null) {
                String r = certificateReason(c);
                if (r != null) {
                    return r;
                }
            }
        }
        return ssl == null ? null : "handshake failed: " + ssl.getMessage();
    }

    private static String certificateReason(Throwable c) {
        String message = String.valueOf(c.getMessage());
        if (c instanceof CertificateExpiredException) {
            return "expired certificate";
        }
        if (c instanceof CertificateNotYetValidException) {
            return "certificate not yet valid";
        }
        if (c instanceof CertPathValidatorException v
                && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return "expired certificate";
        }
        if (c instanceof CertPathBuilderException || message.contains("unable to find valid certification path")) {
            return "unknown issuer";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "wrong name: " + message;
        }
        return null;
    }
}
