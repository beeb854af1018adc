package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOperation;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.URISupport;

import java.util.EnumMap;
import java.util.Map;

/** The {@code keboola:} producer: runs the endpoint's operation, or the one the {@code CamelKeboolaOperation} header names. */
public class KeboolaProducer extends DefaultProducer {

    private final Map<KeboolaOperation, ProducerOperation> operations = new EnumMap<>(KeboolaOperation.class);
    private KeboolaProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public KeboolaProducer(KeboolaEndpoint endpoint) {
        super(endpoint);
        operations.put(KeboolaOperation.importTable, new ImportTableOperation());
        operations.put(KeboolaOperation.exportTable, new ExportTableOperation());
        operations.put(KeboolaOperation.readSlice, new ReadSliceOperation());
        operations.put(KeboolaOperation.prepareSlicedFile, new PrepareSlicedFileOperation());
        operations.put(KeboolaOperation.uploadSlice, new UploadSliceOperation());
        operations.put(KeboolaOperation.importSlicedFile, new ImportSlicedFileOperation());
        operations.put(KeboolaOperation.getTable, new GetTableOperation());
        operations.put(KeboolaOperation.listTables, new ListTablesOperation());
        operations.put(KeboolaOperation.previewTable, new PreviewTableOperation());
        operations.put(KeboolaOperation.deleteTable, new DeleteTableOperation());
        operations.put(KeboolaOperation.setMetadata, new SetMetadataOperation());
        operations.put(KeboolaOperation.getJob, new GetJobOperation());
        operations.put(KeboolaOperation.runJob, new RunJobOperation());
        operations.put(KeboolaOperation.getQueueJob, new GetQueueJobOperation());
    }

    @Override
    public KeboolaEndpoint getEndpoint() {
        return (KeboolaEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        OperationRequest request = new OperationRequest(exchange, getEndpoint());
        operations.get(operationOf(exchange)).process(request);
        // only after success: a redelivery of a failed step must reach the same table
        request.removeOverrides();
    }

    private KeboolaOperation operationOf(Exchange exchange) {
        try {
            KeboolaOperation header = exchange.getIn().getHeader(KeboolaConstants.OPERATION, KeboolaOperation.class);
            return header != null ? header : getEndpoint().getConfiguration().getOperation();
        } catch (TypeConversionException e) {
            throw new KeboolaException("Unknown operation in the " + KeboolaConstants.OPERATION + " header: "
                                       + exchange.getIn().getHeader(KeboolaConstants.OPERATION) + "; one of "
                                       + java.util.Arrays.toString(KeboolaOperation.values()), null, e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // opt-in like every Camel producer check: camel.health.producersEnabled=true provides the repository
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new KeboolaProducerHealthCheck(getEndpoint());
            healthCheck.setEnabled(getEndpoint().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck.close();
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public String toString() {
        return "KeboolaProducer[" + URISupport.sanitizeUri(getEndpoint().getEndpointUri()) + "]";
    }
}
