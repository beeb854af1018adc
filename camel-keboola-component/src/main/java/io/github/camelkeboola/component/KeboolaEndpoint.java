package io.github.camelkeboola.component;

import io.github.camelkeboola.component.consumer.KeboolaConsumer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.util.URISupport;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.producer.KeboolaProducer;
import io.github.camelkeboola.component.transfer.FileTransfer;

/**
 * Load data into Keboola Connection Storage tables, export tables, and consume their incremental changes.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "keboola", title = "Keboola",
             syntax = "keboola:tableId", category = { Category.CLOUD, Category.DATABASE },
             headersClass = KeboolaConstants.class)
public class KeboolaEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "Table id, such as in.c-main.orders (bucket id and table name). Optional for listTables and getJob.")
    private String tableId;

    @UriParam
    private KeboolaConfiguration configuration;

    // the component's clients, shared with alike endpoints
    private final SharedClients sharedClients;

    KeboolaEndpoint(String uri, HealthCheckComponent component, KeboolaConfiguration configuration, SharedClients sharedClients) {
        super(uri, component);
        this.configuration = configuration;
        this.tableId = configuration.getTableId();
        this.sharedClients = sharedClients;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new KeboolaProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KeboolaConsumer consumer = new KeboolaConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The Storage API client of this endpoint's stack and token (shared with alike endpoints of the component). */
    public StorageApi getStorageApi() {
        return sharedClients.storageApi(configuration);
    }

    /** The file storage transfer of this endpoint's settings (shared with alike endpoints of the component). */
    public FileTransfer getFileTransfer() {
        return sharedClients.fileTransfer(configuration);
    }

    /** Whether the producers of this endpoint register their readiness check (the component's option). */
    public boolean isHealthCheckProducerEnabled() {
        return ((HealthCheckComponent) getComponent()).isHealthCheckProducerEnabled();
    }

    @Override
    public String toString() {
        return "KeboolaEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }

    public String getTableId() {
        return tableId;
    }

    public void setTableId(String tableId) {
        this.tableId = tableId;
        configuration.setTableId(tableId);
    }

    public KeboolaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KeboolaConfiguration configuration) {
        this.configuration = configuration;
    }
}
