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

    @UriParam
    private KeboolaConfiguration configuration;

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
        KeboolaConsumer consumer = new KeboolaConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The Storage API client of this endpoint's stack and token (shared with alike endpoints of the component). */
    public StorageApi getStorageApi() {
        return getComponent().getSharedClients().storageApi(configuration);
    }

    /** The file storage transfer of this endpoint's settings (shared with alike endpoints of the component). */
    public FileTransfer getFileTransfer() {
        return getComponent().getSharedClients().fileTransfer(configuration);
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
