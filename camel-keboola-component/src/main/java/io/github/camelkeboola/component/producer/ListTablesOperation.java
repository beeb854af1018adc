package io.github.camelkeboola.component.producer;

/**
 * {@code listTables}: the body becomes a {@code List} of table details ({@code Map}s): of the bucket the path (or
 * {@code CamelKeboolaOverrideTableId}) names, such as {@code keboola:in.c-main}, or of the whole project when it is empty.
 */
final class ListTablesOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        request.exchange().getMessage().setBody(OperationRequest.toList(request.api().listTables(bucketOf(request.tableId()))));
    }

    /** A bucket id has one dot ({@code in.c-main}); a table id names its bucket before the last dot. */
    private static String bucketOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        int first = id.indexOf('.');
        int last = id.lastIndexOf('.');
        return first >= 0 && first != last ? id.substring(0, last) : id;
    }
}
