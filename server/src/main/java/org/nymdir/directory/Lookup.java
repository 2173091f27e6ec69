package org.nymdir.directory;

import org.nymdir.store.UserStore;
import org.nymdir.vocabulary.Status;
import org.nymdir.vocabulary.Usernames;

/** query: username to public key. */
final class Lookup {
    private final UserStore users;

    Lookup(UserStore users) {
        this.users = users;
    }

    Outcome query(Request.Query request) {
        if (request.username() == null) {
            return Outcome.result(Topic.QUERY, Status.MISSING_QUERY_USERNAME);
        }
        if (!Usernames.isValid(request.username())) {
            return Outcome.result(Topic.QUERY, Status.NO_USER_FOUND);
        }
        return users.findUser(request.username())
                .map(u -> Outcome.reply(new Reply.UserFound(u.username(), u.publicKeyPem())))
                .orElseGet(() -> Outcome.result(Topic.QUERY, Status.NO_USER_FOUND));
    }
}
