/**
 * nymCHAT's client-side end-to-end encryption ({@link org.nymdir.client.e2e.NymChatE2e}) and the
 * Python-compatible JSON rendering its signatures depend on ({@link org.nymdir.dialect.json.PythonJson},
 * {@link org.nymdir.client.e2e.NymChatContent}). The directory never uses this package: it forwards bodies
 * untouched and cannot read them.
 */
package org.nymdir.client.e2e;
