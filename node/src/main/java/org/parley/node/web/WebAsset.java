package org.parley.node.web;

/**
 * One file of the web client, ready to serve: its bytes as they are and gzipped (the page is small
 * and never changes while the node runs, so it is compressed once), its type, and its ETag.
 *
 * @param contentType the Content-Type header
 * @param etag        a strong ETag, quoted, from the SHA-256 of the bytes
 */
public record WebAsset(String contentType, byte[] bytes, byte[] gzipped, String etag) {
}
