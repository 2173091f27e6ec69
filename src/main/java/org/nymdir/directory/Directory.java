package org.nymdir.directory;

import java.util.function.Supplier;
import org.nymdir.store.StoreException;
import org.nymdir.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's use cases behind one entry point. {@link #handle} turns a decoded request from a sender
 * tag into the reply for that tag and the deliveries for others; it never touches the network, and it
 * never throws: a failing store becomes an {@link Status#INTERNAL_ERROR} reply.
 *
 * <p>Thread-safe. Callers must handle requests of one sender tag in arrival order (a registrationResponse
 * must see its register); requests of different tags may run in parallel.
 */
public final class Directory {
    private static final Logger log = LoggerFactory.getLogger(Directory.class);

    private final Registration registration;
    private final Login login;
    private final Lookup lookup;
    private final Relay relay;

    public Directory(UserStore users, SignatureVerifier verifier, Supplier<String> nonces, ChallengePolicy challenges) {
        this.registration = new Registration(users, verifier, nonces, challenges);
        this.login = new Login(users, verifier, nonces, challenges);
        this.lookup = new Lookup(users);
        this.relay = new Relay(users, verifier);
    }

    public Outcome handle(Request request, String senderTag) {
        try {
            return switch (request) {
                case Request.Register r -> registration.register(r, senderTag);
                case Request.RegistrationResponse r -> registration.respond(r, senderTag);
                case Request.Login r -> login.login(r, senderTag);
                case Request.LoginResponse r -> login.respond(r, senderTag);
                case Request.Query r -> lookup.query(r);
                case Request.Send r -> relay.send(r, senderTag);
                case Request.Unimplemented r -> Outcome.result(r.topic(), Status.UNIMPLEMENTED);
                case Request.Unknown r -> Outcome.result(Topic.UNKNOWN, Status.UNKNOWN_ACTION);
            };
        } catch (StoreException e) {
            log.error("store failure while handling {}: {}", request.action(), e.toString());
            return Outcome.result(topicOf(request), Status.INTERNAL_ERROR);
        }
    }

    static Topic topicOf(Request request) {
        return switch (request) {
            case Request.Register r -> Topic.REGISTRATION;
            case Request.RegistrationResponse r -> Topic.REGISTRATION;
            case Request.Login r -> Topic.LOGIN;
            case Request.LoginResponse r -> Topic.LOGIN;
            case Request.Query r -> Topic.QUERY;
            case Request.Send r -> Topic.SEND;
            case Request.Unimplemented r -> r.topic();
            case Request.Unknown r -> Topic.UNKNOWN;
        };
    }
}
