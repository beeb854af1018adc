package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Table description and column metadata through routes: set when importTable creates a table, and by setMetadata. */
class TableMetadataRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final String CSV = "id,amount,note\n1,10.5,first\n2,20,second\n";
    private static final String TYPED = "&description=Orders from the ERP"
            + "&columnMetadata.id.KBC.datatype.basetype=INTEGER&columnMetadata.id.KBC.datatype.nullable=false"
            + "&columnMetadata.amount.KBC.datatype.basetype=NUMERIC&columnMetadata.amount.KBC.datatype.length=10,2";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("keboola", EmulatorComponents.pointedAt(KEBOOLA.emulator()));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:typedLoad").to("keboola:in.c-md.orders?primaryKey=id" + TYPED)
                        .to("keboola:in.c-md.orders?operation=getTable");
                from("direct:load").toD("keboola:${header.table}?primaryKey=id${header.options}");
                from("direct:getTable").toD("keboola:${header.table}?operation=getTable");
                from("direct:redelivered").errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .to("keboola:in.c-md.redelivered?primaryKey=id&description=Loaded%20once&maxRetries=0");
                from("direct:setMetadata").toD("keboola:${header.table}?operation=setMetadata${header.options}");
            }
        };
    }

    @AfterEach
    void clearFaults() {
        KEBOOLA.emulator().faults().clear();
    }

    private Exchange send(String route, String table, String options, Object body) {
        return DynamicRoutes.send(template, route, table, options, body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> table(String tableId) {
        Exchange exchange = send("direct:getTable", tableId, "", null);
        assertThat(exchange.getException()).isNull();
        return exchange.getMessage().getBody(Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createdTableGetsItsDescriptionAndColumnTypes() {
        Map<String, Object> detail = template.requestBody("direct:typedLoad", CSV, Map.class);

        assertThat((List<Map<String, Object>>) detail.get("metadata")).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("key", "KBC.description").containsEntry("value", "Orders from the ERP")
                    .containsEntry("provider", "user");
            assertThat(m.get("id")).isNotNull();
            assertThat(m.get("timestamp")).isNotNull();
        });
        Map<String, List<Map<String, Object>>> columns = (Map<String, List<Map<String, Object>>>) detail.get("columnMetadata");
        assertThat(columns).containsOnlyKeys("id", "amount");
        assertThat(columns.get("id")).extracting(m -> m.get("key") + "=" + m.get("value"))
                .containsExactly("KBC.datatype.basetype=INTEGER", "KBC.datatype.nullable=false");
        assertThat(columns.get("amount")).extracting(m -> m.get("key") + "=" + m.get("value"))
                .containsExactly("KBC.datatype.basetype=NUMERIC", "KBC.datatype.length=10,2");
        assertThat(columns.get("id")).allSatisfy(m -> assertThat(m).containsEntry("provider", "camel-keboola"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPlainImportLeavesAnExistingTablesMetadataAlone() {
        assertThat(send("direct:load", "in.c-md.plain", "", CSV).getException()).isNull();
        Exchange imported = send("direct:load", "in.c-md.plain", TYPED + "&incremental=true", "id,amount,note\n3,1,x\n");

        assertThat(imported.getException()).isNull();
        assertThat(imported.getMessage().getBody(Map.class)).containsEntry("tableCreated", false);
        Map<String, Object> detail = table("in.c-md.plain");
        assertThat(detail.get("rowsCount")).isEqualTo(3);
        assertThat((List<?>) detail.get("metadata")).isEmpty();
        // a map even when Storage sends none as []
        assertThat((Map<String, Object>) detail.get("columnMetadata")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void setMetadataUpdatesAnExistingTable() {
        assertThat(send("direct:load", "in.c-md.existing", "", CSV).getException()).isNull();

        Exchange first = send("direct:setMetadata", "in.c-md.existing",
                "&description=Draft&columnMetadata.note.KBC.description=Free%20text&metadataProvider=user", null);
        assertThat(first.getException()).isNull();
        Exchange second = send("direct:setMetadata", "in.c-md.existing", "&description=Final", null);
        assertThat(second.getException()).isNull();

        Map<String, Object> detail = second.getMessage().getBody(Map.class);
        assertThat((List<Map<String, Object>>) detail.get("metadata")).extracting(m -> m.get("value")).containsExactly("Final");
        Map<String, List<Map<String, Object>>> columns = (Map<String, List<Map<String, Object>>>) detail.get("columnMetadata");
        assertThat(columns.get("note")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("key", "KBC.description").containsEntry("value", "Free text").containsEntry("provider", "user"));
        assertThat(table("in.c-md.existing")).isEqualTo(detail);
    }

    @Test
    void badMetadataFailsWithKeboolasErrorAndLosesNoRows() {
        // an empty key: the API's answer names it
        Exchange created = send("direct:load", "in.c-md.badkey", "&columnMetadata.id.=x", CSV);

        assertThat(created.getException()).isInstanceOf(KeboolaException.class);
        KeboolaException error = (KeboolaException) created.getException();
        assertThat(error.getHttpResponseCode()).isEqualTo(400);
        assertThat(error.getErrorCode()).isEqualTo("storage.metadata.invalidKey");
        assertThat(error.getTableId()).isEqualTo("in.c-md.badkey");
        assertThat(error.getMessage()).contains("metadata", "Invalid Metadata Key", "in.c-md.badkey");
        // the table was created with its rows; only the metadata is missing
        assertThat(table("in.c-md.badkey").get("rowsCount")).isEqualTo(2);

        Exchange unknownColumn = send("direct:setMetadata", "in.c-md.badkey", "&columnMetadata.nosuch.KBC.description=x", null);
        assertThat(unknownColumn.getException()).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("nosuch").hasMessageContaining("HTTP 400");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRedeliveryAfterTheMetadataFailedSetsItWithoutLoadingAgain() {
        FaultInjector.Rule metadataCall = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST",
                "/v2/storage/tables/in\\.c-md\\.redelivered/metadata", Fault.status(500), 1);

        Map<String, Object> result = template.requestBody("direct:redelivered", CSV, Map.class);

        assertThat(metadataCall.hits()).isEqualTo(1);
        // the redelivery waited for the create job of the first attempt instead of importing into the new table
        assertThat(result).containsEntry("tableCreated", true);
        Map<String, Object> detail = table("in.c-md.redelivered");
        assertThat(detail.get("rowsCount")).isEqualTo(2);
        assertThat((List<Map<String, Object>>) detail.get("metadata")).extracting(m -> m.get("value")).containsExactly("Loaded once");
    }

    @Test
    void setMetadataWithNothingToSetOrAMalformedOptionFails() {
        assertThat(send("direct:setMetadata", "in.c-md.none", "", null).getException())
                .isInstanceOf(KeboolaException.class).hasMessageContaining("description");
        assertThat(send("direct:setMetadata", "in.c-md.none", "&columnMetadata.nokey=x", null).getException())
                .hasMessageContaining("columnMetadata.nokey").hasMessageContaining("COLUMN.KEY");
    }
}
