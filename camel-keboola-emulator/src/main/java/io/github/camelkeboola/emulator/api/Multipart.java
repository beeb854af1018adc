package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal multipart/form-data reader: every part becomes a text parameter named after the part. */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    private Multipart() {
    }

    static void parse(byte[] body, String contentType, ObjectNode into) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw ApiException.validation("storage.validation", "Multipart request without boundary.");
        }
        // ISO-8859-1 maps bytes 1:1, so part contents can be cut out and re-decoded as UTF-8.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        StringBuilder encoded = new StringBuilder();
        for (String part : text.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            Matcher name = NAME.matcher(part.substring(0, headerEnd));
            if (!name.find()) {
                continue;
            }
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            String decoded = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(java.net.URLEncoder.encode(name.group(1), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(decoded, StandardCharsets.UTF_8));
        }
        ObjectNode form = io.github.camelkeboola.emulator.api.Json.object();
        Params.parseUrlEncoded(encoded.toString(), form);
        into.setAll(form);
    }
}
