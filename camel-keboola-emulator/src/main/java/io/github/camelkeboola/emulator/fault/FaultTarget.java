package io.github.camelkeboola.emulator.fault;

/** Which server of the emulated stack a fault applies to. */
public enum FaultTarget {
    /** The Storage API itself ({@code /v2/storage/...}). */
    API,
    /** The file storage of the stack (S3, Azure Blob or GCS flavour). */
    FILE_STORAGE
}
