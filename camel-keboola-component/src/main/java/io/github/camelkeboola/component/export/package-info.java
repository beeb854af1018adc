/**
 * A table export as one step above the Storage API client and the file transfer: the job, its file, the columns,
 * each read once ({@link io.github.camelkeboola.component.export.TableExport}), and the exported rows read from the
 * file storage as they download ({@link io.github.camelkeboola.component.export.ExportedTable}).
 */
package io.github.camelkeboola.component.export;
