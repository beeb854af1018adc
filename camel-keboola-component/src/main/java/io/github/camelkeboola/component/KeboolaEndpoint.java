package io.github.camelkeboola.component;

import io.github.camelkeboola.component.consumer.KeboolaConsumer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.util.URISupport;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.component.api.StorageApi;
import org.apache.camel.util.IOHelper;
import io.github.camelkeboola.component.producer.KeboolaProducer;
import io.github.camelkeboola.component.transfer.FileTransfer;
import io.github.camelkeboola.component.queue.HttpQueueApi;

import java.time.Duration;

/**
 * Load data into Keboola Connection Storage tables, export tables, and consume their incremental changes.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "keboola", title = "Keboola",
             syntax = "keboola:tableId", category = { Category.CLOUD, Category.DATABASE },
             headersClass = KeboolaConstants.class)
public class KeboolaEndpoint extends ScheduledPollEndpoint {

    @UriParam
    private KeboolaConfiguration configuration;

    // not options: created in doStart, closed in doStop
    private volatile StorageApi storageApi;
    private volatile FileTransfer fileTransfer;
    // opened at the first Queue call: its URL comes from the stack's index, which doStart does not read
    private HttpQueueApi queueApi;

    public KeboolaEndpoint(String uri, KeboolaComponent component, KeboolaConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new KeboolaProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOutputType() == KeboolaOutputType.slices) {
            throw new IllegalArgumentException("outputType=slices is for the exportTable producer; the consumer delivers"
                                               + " stream or rows");
        }
        KeboolaConsumer consumer = new KeboolaConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Checks the settings, then opens this endpoint's Storage API client and file transfer. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.getStack() != null && !configuration.getStack().isBlank()) {
            configuration.setStackUrl(KeboolaStacks.url(configuration.getStack()));
        }
        EndpointSettings.check(configuration);
        storageApi = new HttpStorageApi(configuration);
        fileTransfer = FileTransfer.create(configuration, getComponent().getTransferExecutor());
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            IOHelper.close(queueApi);
            queueApi = null;
        }
        IOHelper.close(storageApi, fileTransfer);
        storageApi = null;
        fileTransfer = null;
        super.doStop();
    }

    /** The Storage API client of this endpoint's stack and token, open while the endpoint is started. */
    public StorageApi getStorageApi() {
        return started(storageApi);
    }

    /**
     * The Queue API client of this endpoint's stack and token, at the URL the stack's index lists for {@code queue}
     * (read once per stack); opened at the first call while the endpoint is started.
     */
    public synchronized HttpQueueApi getQueueApi() {
        started(storageApi);
        if (queueApi == null) {
            String url = getComponent().getStackServices().serviceUrl(configuration.getStackUrl(), "queue",
                    Duration.ofMillis(configuration.getConnectTimeout()), Duration.ofMillis(configuration.getRequestTimeout()));
            queueApi = new HttpQueueApi(url, configuration);
        }
        return queueApi;
    }

    /** The file storage transfer of this endpoint's settings, open while the endpoint is started. */
    public FileTransfer getFileTransfer() {
        return started(fileTransfer);
    }

    private <T> T started(T client) {
        if (client == null) {
            throw new IllegalStateException(this + " is not started");
        }
        return client;
    }

    /** Whether the producers of this endpoint register their readiness check (the component's option). */
    public boolean isHealthCheckProducerEnabled() {
        return getComponent().isHealthCheckProducerEnabled();
    }

    @Override
    public String toString() {
        return "KeboolaEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }

    @Override
    public KeboolaComponent getComponent() {
        return (KeboolaComponent) super.getComponent();
    }

    public KeboolaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KeboolaConfiguration configuration) {
        this.configuration = configuration;
    }
}
