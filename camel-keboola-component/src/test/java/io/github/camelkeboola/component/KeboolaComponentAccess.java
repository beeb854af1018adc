package io.github.camelkeboola.component;

import java.util.concurrent.ExecutorService;

/** What tests of other packages may see of the component's internals. */
public final class KeboolaComponentAccess {

    private KeboolaComponentAccess() {
    }

    public static ExecutorService transferExecutor(KeboolaComponent component) {
        return component.getTransferExecutor();
    }
}
