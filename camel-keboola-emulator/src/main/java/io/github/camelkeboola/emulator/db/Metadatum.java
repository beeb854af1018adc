package io.github.camelkeboola.emulator.db;

/**
 * One metadata entry of a bucket, table or column: a key and value set by a provider (the component that wrote it),
 * unique per object by provider and key. Times are epoch seconds.
 */
public class Metadatum {
    public long id;
    public String provider;
    public String key;
    public String value;
    public long timestamp;
}
