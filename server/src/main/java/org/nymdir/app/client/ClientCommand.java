package org.nymdir.app.client;

import picocli.CommandLine.Command;

/** {@code nymdir client …}: a scriptable nymCHAT client, through your own nym-client. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"A nymCHAT client: register, log in, look users up, send end-to-end encrypted messages"
                + " through the directory or directly after a handshake, and listen.",
            "It talks to the mixnet through its own nym-client (--nym-url), never the directory's."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:success",
            "1:unexpected internal error",
            "2:bad arguments",
            "3:our nym-client is unreachable (--nym-url)",
            "4:timeout: no reply from the directory (down, wrong --directory, or lost)",
            "5:user unknown to the directory",
            "6:signature mismatch (wrong --directory-key, or a forged reply)",
            "7:the directory answered with an error (e.g. username already in use)",
            "8:key files missing, unreadable or locked by a passphrase",
            "9:no direct route: the peer never sent us a handshake"},
        subcommands = {RegisterCommand.class, LoginCommand.class, LookupCommand.class, SendCommand.class,
            HandshakeCommand.class, ListenCommand.class, RotateKeyCommand.class, DeleteCommand.class})
public final class ClientCommand {
}
