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

    static Response get(String url) throws IOException {
        return get(url, Map.of());
    }
}
