/**
 * JSON rendered exactly as Python's {@code json.dumps} renders it. The original nymCHAT server and client are
 * Python: replies are rendered this way, and end-to-end payload signatures are computed over such renderings,
 * so the server dialect and the client SDK share this one renderer.
 */
package org.nymdir.dialect.json;
