/**
 * File storage of the emulated stack, in the flavour of its provider, created by
 * {@link io.github.camelkeboola.emulator.storage.FileStorages#create}.
 *
 * <ul>
 *   <li>{@code aws}: S3 (SigV4, path style) served by an embedded S3Proxy over a jclouds filesystem store.
 *       Credentials are STS-shaped; the session token is checked by the frontend. Uploads of encrypted files must
 *       send {@code x-amz-server-side-encryption} (as on real S3). S3Proxy streams {@code UNSIGNED-PAYLOAD} and
 *       {@code aws-chunked} bodies, but reads a body signed with a hex payload hash into memory to check it (up to
 *       128 MB); clients that sign payload hashes should upload large files in parts.</li>
 *   <li>{@code azure}: Blob REST (path style {@code /{account}/{container}/{blob}}) authorized by account SAS,
 *       verified per the SAS's {@code sv}.</li>
 *   <li>{@code gcp}: the GCS JSON API with bearer tokens the emulator issued; {@code url}s are signed URLs in the
 *       V4 shape, signed with a key only this server knows (clients treat them as opaque).</li>
 * </ul>
 *
 * Every flavour sits behind a {@code FaultingFrontend} on its own loopback port, which applies
 * {@link io.github.camelkeboola.emulator.fault.FaultTarget#FILE_STORAGE} faults. Objects survive a restart with the
 * same base directory; credentials, signing keys and ports are new on every start. Credential validity uses the
 * system clock, not the emulator's clock, as the servers' own signature checks do.
 */
package io.github.camelkeboola.emulator.storage;
