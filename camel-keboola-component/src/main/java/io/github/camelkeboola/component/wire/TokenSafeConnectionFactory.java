package io.github.camelkeboola.component.wire;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.impl.io.AbstractMessageWriter;
import org.apache.hc.core5.http.message.BasicLineFormatter;
import org.apache.hc.core5.http.message.RequestLine;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.Set;

/**
 * Connections that cannot log secrets: the Storage token, and the file storage credentials (SigV4 authorization and
 * STS session token, GCS bearer token, Azure SAS and presigned URL signatures). HttpClient's own connections log
 * every byte on {@code org.apache.hc.client5.http.wire} at DEBUG; these never log the wire. They log headers on
 * {@code org.apache.hc.client5.http.headers} as HttpClient does, with the values of credential headers masked and
 * request lines with their query values masked (as is the location of a GCS upload session). The request line
 * goes on the wire with the real target of a request that {@link MaskedQueries} masked for HttpClient's own log.
 */
public final class TokenSafeConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final Logger HEADER_LOG = LoggerFactory.getLogger("org.apache.hc.client5.http.headers");
    private static final Set<String> SECRET_HEADERS = Set.of("x-storageapi-token", "authorization", "x-amz-security-token",
            "proxy-authorization");
    private static final Set<String> URL_HEADERS = Set.of("location", "content-location", "x-goog-upload-url");

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        UnloggedConnection connection = new UnloggedConnection();
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** Writes the request line with the real target of a request {@link MaskedQueries} masked for HttpClient's log. */
    private static final class RealTargetWriter extends AbstractMessageWriter<ClassicHttpRequest> {
        RealTargetWriter() {
            super(BasicLineFormatter.INSTANCE);
        }

        @Override
        protected void writeHeadLine(ClassicHttpRequest request, CharArrayBuffer line) {
            ProtocolVersion version = request.getVersion() != null ? request.getVersion() : HttpVersion.HTTP_1_1;
            BasicLineFormatter.INSTANCE.formatRequestLine(line,
                    new RequestLine(request.getMethod(), MaskedQueries.realTarget(request), version));
        }
    }

    private static final class UnloggedConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

        // The pool parks idle connections with no timeout and restores this one when it leases them again.
        private volatile Timeout socketTimeout = Timeout.DISABLED;

        UnloggedConnection() {
            super(Http1Config.DEFAULT, null, null, null, null, RealTargetWriter::new, null);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            super.bind(sslSocket, socket);
            socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder != null ? holder.getSocket() : null;
        }

        @Override
        public SSLSession getSSLSession() {
            Socket socket = getSocket();
            return socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (HEADER_LOG.isDebugEnabled()) {
                String path = request.getPath() == null ? "" : request.getPath();
                HEADER_LOG.debug(">> {} {} {}", request.getMethod(), MaskedQueries.mask(path),
                        request.getVersion() == null ? "" : request.getVersion());
                for (Header header : request.getHeaders()) {
                    HEADER_LOG.debug(">> {}", safe(header));
                }
            }
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            if (HEADER_LOG.isDebugEnabled()) {
                HEADER_LOG.debug("<< {}", new StatusLine(response));
                for (Header header : response.getHeaders()) {
                    HEADER_LOG.debug("<< {}", safe(header));
                }
            }
        }

        private static String safe(Header header) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (SECRET_HEADERS.contains(name)) {
                return header.getName() + ": xxxxxx";
            }
            // a GCS resumable session URI (upload_id) is a bearer credential
            return URL_HEADERS.contains(name) && header.getValue() != null
                    ? header.getName() + ": " + MaskedQueries.mask(header.getValue()) : header.toString();
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }
    }
}
