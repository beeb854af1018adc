package io.github.camelkeboola.component;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.github.camelkeboola.component.producer.PreparedSlicedFiles;
import io.github.camelkeboola.component.queue.StackServices;
import org.apache.camel.util.PropertiesHelper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The {@code keboola:} component: Keboola Connection Storage API tables as Camel endpoints. */
@Component("keboola")
public class KeboolaComponent extends HealthCheckComponent {

    /**
     * Id of the thread pool profile the file transfers run on (slices downloaded ahead, the part of an upload in
     * flight). Register a profile with this id to size it; without one the pool has
     * {@code max(8, 4 * downloadParallelism)} threads and queues what exceeds them.
     */
    public static final String TRANSFER_THREAD_POOL_PROFILE = "keboolaTransfer";

    @Metadata(description = "Component-wide defaults (stack URL, token, timeouts); each endpoint works on a copy.")
    private KeboolaConfiguration configuration = new KeboolaConfiguration();

    // not an option: the pool of the file transfers of every endpoint, from the context's ExecutorServiceManager
    private ExecutorService transferExecutor;

    // not an option: each stack's service URLs from its index call, read once and shared by the endpoints
    private final StackServices stackServices = new StackServices();

    // not an option: the upload parameters of the sliced files prepared here, for the import that ends their load
    private final PreparedSlicedFiles preparedSlicedFiles = new PreparedSlicedFiles();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KeboolaConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setTableId(remaining == null || remaining.isBlank() ? null : remaining);
        KeboolaEndpoint endpoint = new KeboolaEndpoint(uri, this, endpointConfiguration);
        Map<String, Object> variables = PropertiesHelper.extractProperties(parameters, "variable.");
        Map<String, Object> columnMetadata = PropertiesHelper.extractProperties(parameters, "columnMetadata.");
        setProperties(endpoint, parameters);
        endpointConfiguration.setVariableValues(merged(endpointConfiguration.getVariableValues(), variables));
        endpointConfiguration.setColumnMetadata(merged(endpointConfiguration.getColumnMetadata(), columnMetadata));
        if (endpointConfiguration.getToken() == null || endpointConfiguration.getToken().isBlank()) {
            throw new IllegalArgumentException("A Storage API token is required: set the token option of " + remaining);
        }
        return endpoint;
    }

    /** A multi-value option: the URI's prefixed values over those set otherwise (a map option, the defaults). */
    private static Map<String, Object> merged(Map<String, Object> set, Map<String, Object> fromUri) {
        if (fromUri.isEmpty()) {
            return set;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (set != null) {
            values.putAll(set);
        }
        values.putAll(fromUri);
        return values;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager manager = getCamelContext().getExecutorServiceManager();
        ThreadPoolProfile profile = manager.getThreadPoolProfile(TRANSFER_THREAD_POOL_PROFILE);
        if (profile == null) {
            int threads = Math.max(8, 4 * Math.max(1, configuration.getDownloadParallelism()));
            profile = new ThreadPoolProfile(TRANSFER_THREAD_POOL_PROFILE);
            profile.setPoolSize(threads);
            profile.setMaxPoolSize(threads);
            profile.setKeepAliveTime(60L);
            profile.setTimeUnit(TimeUnit.SECONDS);
            profile.setAllowCoreThreadTimeOut(true);
            // a transfer task never waits for another one, so queued work always drains: no rejection needed
            profile.setMaxQueueSize(-1);
            profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        }
        transferExecutor = manager.newThreadPool(this, "KeboolaTransfer", profile);
    }

    @Override
    protected void doStop() throws Exception {
        if (transferExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(transferExecutor);
            transferExecutor = null;
        }
        super.doStop();
    }

    /** The thread pool of the file transfers; null unless the component is started. */
    ExecutorService getTransferExecutor() {
        return transferExecutor;
    }

    /** The service URLs of each stack, from its index call, cached for the component's life. */
    StackServices getStackServices() {
        return stackServices;
    }

    /** The sliced files this component prepared, with their upload parameters. */
    public PreparedSlicedFiles getPreparedSlicedFiles() {
        return preparedSlicedFiles;
    }

    public KeboolaConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(KeboolaConfiguration configuration) {
        this.configuration = configuration;
    }
}
