package io.github.camelkeboola.component.producer;

/** What one {@link io.github.camelkeboola.component.KeboolaOperation} does with an exchange. */
interface ProducerOperation {

    void process(OperationRequest request) throws Exception;
}
