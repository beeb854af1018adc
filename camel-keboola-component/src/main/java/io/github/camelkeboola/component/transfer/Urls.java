package io.github.camelkeboola.component.transfer;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Percent-encoding the way S3, Azure and GCS expect it (RFC 3986 unreserved characters stay as they are). */
final class Urls {

    private Urls() {
    }

    /** Encodes everything but unreserved characters, {@code /} included: query values, GCS object names. */
    static String encode(String value) {
        return encode(value, false);
    }

    /** Encodes an object key as a URL path: like {@link #encode} but {@code /} stays a separator. */
    static String encodePath(String key) {
        return encode(key, true);
    }

    /** {@code scheme://host[:port]} of a URL, or null when there is none. */
    static String origin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** A URL without its query string: presigned URLs carry signatures that must not reach messages or logs. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
