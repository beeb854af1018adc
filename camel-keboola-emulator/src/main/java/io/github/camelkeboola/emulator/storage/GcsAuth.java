package io.github.camelkeboola.emulator.storage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What GCS accepts as authorization here: OAuth2 access tokens the emulator issued (bearer, until they expire),
 * and signed URLs. The signed URLs have the shape of V4 signed URLs ({@code X-Goog-Algorithm=GOOG4-HMAC-SHA256},
 * {@code X-Goog-Date}, {@code X-Goog-Expires}, {@code X-Goog-Signature}); the signature is an HMAC over method,
 * path, date and expiry with a key only this server knows, as clients treat it as opaque.
 */
final class GcsAuth {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final DateTimeFormatter GOOG_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final byte[] signingKey = StorageSecrets.bytes(32);
    private final String serviceAccount;
    private final IssuedCredentials issued = new IssuedCredentials();

    GcsAuth(String serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    /** A new access token valid for {@link #TOKEN_LIFETIME} from {@code now}. */
    String issueToken(Instant now) {
        String token = "ya29.emu" + StorageSecrets.alnum(120);
        tokens.put(token, now.plus(TOKEN_LIFETIME));
        issued.add(token);
        tokens.entrySet().removeIf(e -> e.getValue().isBefore(now));
        return token;
    }

    /** What this server issued: access tokens, signed URL signatures, resumable session ids. */
    IssuedCredentials issued() {
        return issued;
    }

    /** Whether an {@code Authorization} header carries a live token we issued. */
    boolean bearerValid(String authorization, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expiry = tokens.get(authorization.substring(7).trim());
        return expiry != null && now.isBefore(expiry);
    }

    /** Query string of a signed GET of {@code path} ({@code /bucket/object}, encoded). */
    String signQuery(String path, Instant now, Duration expires) {
        String date = GOOG_DATE.format(now);
        String credential = serviceAccount + "/" + date.substring(0, 8) + "/auto/storage/goog4_request";
        String signature = signature("GET", path, date, Long.toString(expires.toSeconds()));
        issued.add(signature);
        return "X-Goog-Algorithm=GOOG4-HMAC-SHA256&X-Goog-Credential=" + SigV4Presigner.encode(credential, true)
                + "&X-Goog-Date=" + date + "&X-Goog-Expires=" + expires.toSeconds() + "&X-Goog-SignedHeaders=host"
                + "&X-Goog-Signature=" + signature;
    }

    /** Null when a signed URL's query is valid for this method and path, else the XML API error code. */
    String signedUrlError(String method, String path, Map<String, String> query, Instant now) {
        String date = query.get("X-Goog-Date");
        String expires = query.get("X-Goog-Expires");
        String signature = query.get("X-Goog-Signature");
        if (date == null || expires == null || signature == null) {
            return "AccessDenied";
        }
        String signedMethod = "HEAD".equals(method) ? "GET" : method;
        byte[] expected = signature(signedMethod, path, date, expires).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            return "SignatureDoesNotMatch";
        }
        try {
            Instant signedAt = GOOG_DATE.parse(date, Instant::from);
            return now.isBefore(signedAt.plusSeconds(Long.parseLong(expires))) ? null : "ExpiredToken";
        } catch (DateTimeParseException | NumberFormatException e) {
            return "AccessDenied";
        }
    }

    private String signature(String method, String path, String date, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] sig = mac.doFinal((method + "\n" + path + "\n" + date + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
