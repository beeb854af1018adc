package io.github.camelkeboola.springboot.test;

import io.github.camelkeboola.springboot.KeboolaConnectionDetails;

/** An emulator's stack URL and master token; its {@code toString} leaves the token out. */
final class EmulatorConnectionDetails implements KeboolaConnectionDetails {

    private final String stackUrl;
    private final String token;

    EmulatorConnectionDetails(String stackUrl, String token) {
        this.stackUrl = stackUrl;
        this.token = token;
    }

    @Override
    public String stackUrl() {
        return stackUrl;
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "Keboola emulator at " + stackUrl;
    }
}
