package io.github.camelkeboola.emulator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Map;

/** A plain HTTP GET, as a client without any vendor SDK would do it; records a body cut short. */
final class PlainHttp {

    /**
     * Status, announced {@code Content-Length} (-1 when none), the body bytes that arrived, and the error that
     * ended the body (null when none; a plain {@code HttpURLConnection} reports a cut fixed-length body as a
     * short read, without an error).
     */
    record Response(int status, long contentLength, byte[] body, IOException error) {
        boolean shortRead() {
            return error != null || (contentLength >= 0 && body.length < contentLength);
        }
    }

    private PlainHttp() {
    }

    static Response get(String url, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        headers.forEach(connection::setRequestProperty);
        int status = connection.getResponseCode();
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        IOException cut = null;
        if (in != null) {
            try (in) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    body.write(buffer, 0, n);
                }
            } catch (IOException e) {
                cut = e;
            }
        }
        connection.disconnect();
        return new Response(status, connection.getContentLengthLong(), body.toByteArray(), cut);
    }

    /** Streams {@code length} bytes of {@code body} as a PUT (fixed-length streaming: nothing buffered here). */
    static Response put(String url, Map<String, String> headers, InputStream body, long length) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(60_000);
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(length);
        headers.forEach(connection::setRequestProperty);
        try (body; java.io.OutputStream out = connection.getOutputStream()) {
            body.transferTo(out);
        }
        int status = connection.getResponseCode();
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        byte[] response = in == null ? new byte[0] : in.readAllBytes();
        connection.disconnect();
        return new Response(status, response.length, response, null);
    }

    /** Streams the body of a GET into a SHA-256 digest (hex), never holding it. */
    static String getSha256(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setReadTimeout(60_000);
        if (connection.getResponseCode() != 200) {
            throw new IOException("GET " + url + " answered " + connection.getResponseCode());
        }
        return GeneratedContent.sha256(connection.getInputStream());
    }

    static Response get(String url) throws IOException {
        return get(url, Map.of());
    }
}
