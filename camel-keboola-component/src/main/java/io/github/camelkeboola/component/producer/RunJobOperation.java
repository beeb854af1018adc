package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.queue.HttpQueueApi;
import io.github.camelkeboola.component.queue.QueueJobOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runJob}: runs a component configuration as a Queue API job ({@code POST jobs}), waits for it up to
 * {@code jobTimeout}, and makes the finished job ({@code Map}) the body; {@code CamelKeboolaJobId} and
 * {@code CamelKeboolaJobStatus} name it. An error, a termination or a cancellation (and a warning with
 * {@code failOnJobWarning}) fails the exchange with the job's message.
 */
final class RunJobOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        KeboolaConfiguration config = request.config();
        String componentId = config.getComponentId();
        String override = request.in().getHeader(KeboolaConstants.OVERRIDE_CONFIG_ID, String.class);
        String configId = override != null && !override.isBlank() ? override.trim() : config.getConfigId();
        if (componentId == null || componentId.isBlank() || configId == null || configId.isBlank()) {
            throw new KeboolaException("runJob needs componentId and configId (or the " + KeboolaConstants.OVERRIDE_CONFIG_ID
                                       + " header); got componentId=" + componentId + ", configId=" + configId, null, null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component", componentId);
        body.put("config", configId);
        body.put("mode", config.getMode());
        List<String> rows = OperationRequest.splitList(config.getConfigRowIds());
        if (!rows.isEmpty()) {
            body.put("configRowIds", rows);
        }
        if (config.getVariableValues() != null && !config.getVariableValues().isEmpty()) {
            List<Map<String, String>> values = new ArrayList<>();
            config.getVariableValues().forEach((name, value) -> {
                Map<String, String> variable = new LinkedHashMap<>(); // name before value, as Keboola's UI sends it
                variable.put("name", name);
                variable.put("value", String.valueOf(value));
                values.add(variable);
            });
            body.put("variableValuesData", Map.of("values", values));
        }
        // the job runs in the endpoint's branch, the one its Storage calls go to (QUEUE-API.md §2 branchId)
        String branchId = request.endpoint().getStorageApi().branchId();
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        HttpQueueApi queue = request.endpoint().getQueueApi();
        JsonNode created = queue.createJob(body, HttpQueueApi.newRunId());
        // the id first: a wait that times out still tells the route which job runs
        request.setResultHeaders(null, HttpQueueApiIds.id(created), null);
        JsonNode finished = queue.waitForJob(created, request.jobTimeout());
        GetQueueJobOperation.deliver(request, finished);
        QueueJobOutcome.check(finished, config.isFailOnJobWarning());
    }
}
