package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;

import java.io.InputStream;
import java.io.Reader;
import java.util.Iterator;

/**
 * Keeps a second attempt of an import (a Camel redelivery of the exchange) from uploading a body that was already
 * read: an {@code InputStream}, {@code Reader} or {@code Iterator} yields only what the first attempt left of it,
 * and a full load of that empty or partial file would replace the table's rows, with nothing on the server side to
 * notice (a headerless CSV). Such a body is marked on the exchange when it is read; reading it again fails. A
 * {@link StreamCache} is reset to its start; other bodies ({@code File}, {@code byte[]}, {@code String}, an
 * {@code Iterable}, a {@code GenericFile}) are read anew each time.
 */
final class BodyReplay {

    private BodyReplay() {
    }

    /** Call before the body is read for an upload: resets a stream cache, refuses a one-shot body read before. */
    static void beforeRead(Message message, String tableId) {
        Object body = message.getBody();
        if (body instanceof StreamCache cache) {
            cache.reset();
            return;
        }
        if (!(body instanceof InputStream || body instanceof Reader || body instanceof Iterator<?>)) {
            return;
        }
        if (message.getExchange().getProperty(KeboolaConstants.IMPORT_READ_BODY) == body) {
            throw new KeboolaException("The body (a " + body.getClass().getName() + ") was read by an earlier import"
                    + " attempt of this exchange and cannot be read again from the start, so it is not uploaded to " + tableId
                    + " (that would load an empty or partial file). Make the body repeatable: enable stream caching on the"
                    + " route (with spooling for large bodies), or convert the body to a File, byte[] or String before the"
                    + " keboola: endpoint, or pass rows as an Iterable rather than an Iterator", tableId, null);
        }
        message.getExchange().setProperty(KeboolaConstants.IMPORT_READ_BODY, body);
    }
}
