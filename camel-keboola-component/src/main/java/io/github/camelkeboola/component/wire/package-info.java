/**
 * What the Storage API client ({@code api}) and the file transfer ({@code transfer}) share, and nothing else:
 * HTTP connections that log no secret, and JSON values read the way the Storage API writes them.
 */
package io.github.camelkeboola.component.wire;
