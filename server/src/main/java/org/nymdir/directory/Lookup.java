package org.nymdir.directory;

import java.util.Optional;
import org.nymdir.crypto.DecoyKeys;
import org.nymdir.store.UserRecord;
import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Usernames;

/**
 * query: username to public key. With membership hiding ({@code decoys} given), a name nobody registered
 * answers its decoy key, in the same reply shape; the decoy is computed for every lookup, known names too, so
 * the work (and its time) depends on the name asked for, never on whether it exists.
 */
final class Lookup {
    private final UserStore users;
    private final DecoyKeys decoys;

    /** @param decoys null: unknown names answer {@code No user found}, as the original did */
    Lookup(UserStore users, DecoyKeys decoys) {
        this.users = users;
        this.decoys = decoys;
    }

    Outcome query(Request.Query request) {
        if (request.username() == null) {
            return Outcome.result(Topic.QUERY, Status.MISSING_QUERY_USERNAME);
        }
        if (!Usernames.isValid(request.username())) {
            return Outcome.result(Topic.QUERY, Status.NO_USER_FOUND); // such a name can never exist: nothing to hide
        }
        String decoy = decoys == null ? null : decoys.publicKeyPem(request.username());
        Optional<UserRecord> user = users.findUser(request.username());
        if (user.isPresent()) {
            return Outcome.reply(new Reply.UserFound(user.get().username(), user.get().publicKeyPem()));
        }
        return decoy != null ? Outcome.reply(new Reply.UserFound(request.username(), decoy))
                : Outcome.result(Topic.QUERY, Status.NO_USER_FOUND);
    }
}
