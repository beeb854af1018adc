package io.github.camelkeboola.emulator.storage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Account shared access signatures of an Azure storage account: issued with the account key, verified on every
 * request as Azure does (signature over the account SAS string-to-sign of the SAS's own {@code sv}, time window,
 * protocol, service, resource type and permission).
 */
final class AzureSas {

    /** The version of the signatures we issue; from 2020-12-06 the string-to-sign carries the encryption scope. */
    static final String VERSION = "2022-11-02";
    private static final String ENCRYPTION_SCOPE_SINCE = "2020-12-06";

    /** Why a request is refused: status, Azure error code, message and detail. */
    record Refusal(int status, String code, String message, String detail) {
    }

    private final String account;
    private final byte[] accountKey;

    AzureSas(String account, byte[] accountKey) {
        this.account = account;
        this.accountKey = accountKey.clone();
    }

    /** The account key, Base64, as the Azure portal shows it. */
    String accountKeyBase64() {
        return Base64.getEncoder().encodeToString(accountKey);
    }

    /** {@code sv=...&ss=b&srt=sco&sp=...&se=...&st=...&spr=https,http&sig=...} (query form, values URL-encoded). */
    String issue(String permissions, Instant start, Instant expiry) {
        String st = start.truncatedTo(ChronoUnit.SECONDS).toString();
        String se = expiry.truncatedTo(ChronoUnit.SECONDS).toString();
        // The stack serves plain HTTP on loopback, so the signature must allow http (real stacks issue https only).
        String spr = "https,http";
        String sig = sign(stringToSign(permissions, "b", "sco", st, se, "", spr, VERSION, ""));
        return "sv=" + VERSION + "&ss=b&srt=sco&sp=" + permissions + "&se=" + enc(se) + "&st=" + enc(st)
                + "&spr=" + enc(spr) + "&sig=" + enc(sig);
    }

    /**
     * Checks the SAS parameters of a request.
     *
     * @param query        decoded query parameters
     * @param permission   the permission letter the operation needs ({@code r}, {@code w}, {@code d}, {@code l})
     * @param resourceType {@code s} service, {@code c} container or {@code o} object
     */
    Optional<Refusal> verify(Map<String, String> query, char permission, char resourceType, Instant now) {
        String sig = query.get("sig");
        String sv = query.get("sv");
        String sp = query.getOrDefault("sp", "");
        String ss = query.getOrDefault("ss", "");
        String srt = query.getOrDefault("srt", "");
        String se = query.get("se");
        if (sig == null || sv == null || se == null) {
            return Optional.of(authenticationFailed("sv, se and sig are mandatory. Request is not a valid account SAS request."));
        }
        String st = query.getOrDefault("st", "");
        String sip = query.getOrDefault("sip", "");
        String spr = query.getOrDefault("spr", "");
        String ses = query.getOrDefault("ses", "");
        String expected = sign(stringToSign(sp, ss, srt, st, se, sip, spr, sv, ses));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sig.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(authenticationFailed("Signature did not match. String to sign used was "
                    + stringToSign(sp, ss, srt, st, se, sip, spr, sv, ses).replace("\n", "\\n")));
        }
        Instant expiry = parseTime(se);
        Instant start = st.isEmpty() ? null : parseTime(st);
        if (expiry == null || (!st.isEmpty() && start == null)) {
            return Optional.of(authenticationFailed("Signed start or expiry time is not a valid date."));
        }
        if (!now.isBefore(expiry)) {
            return Optional.of(authenticationFailed("Signed expiry time [" + se + "] must be after signed start time and the current time ["
                    + now.truncatedTo(ChronoUnit.SECONDS) + "]"));
        }
        if (start != null && now.isBefore(start.minus(5, ChronoUnit.MINUTES))) {
            return Optional.of(authenticationFailed("Signed start time [" + st + "] is in the future"));
        }
        if (!spr.isEmpty() && !spr.contains("http,") && !spr.endsWith(",http") && !spr.equals("http")) {
            return Optional.of(new Refusal(403, "AuthorizationProtocolMismatch",
                    "This request is not authorized to perform this operation using this protocol.", null));
        }
        if (ss.indexOf('b') < 0) {
            return Optional.of(new Refusal(403, "AuthorizationServiceMismatch",
                    "This request is not authorized to perform this operation using this service.", null));
        }
        if (srt.indexOf(resourceType) < 0) {
            return Optional.of(new Refusal(403, "AuthorizationResourceTypeMismatch",
                    "This request is not authorized to perform this operation using this resource type.", null));
        }
        boolean permitted = sp.indexOf(permission) >= 0
                || (permission == 'w' && (sp.indexOf('c') >= 0 || sp.indexOf('a') >= 0));
        if (!permitted) {
            return Optional.of(new Refusal(403, "AuthorizationPermissionMismatch",
                    "This request is not authorized to perform this operation using this permission.", null));
        }
        return Optional.empty();
    }

    static Refusal authenticationFailed(String detail) {
        return new Refusal(403, "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                detail);
    }

    private String stringToSign(String sp, String ss, String srt, String st, String se, String sip, String spr, String sv, String ses) {
        String base = account + "\n" + sp + "\n" + ss + "\n" + srt + "\n" + st + "\n" + se + "\n" + sip + "\n" + spr + "\n" + sv + "\n";
        return sv.compareTo(ENCRYPTION_SCOPE_SINCE) >= 0 ? base + ses + "\n" : base;
    }

    private String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accountKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
