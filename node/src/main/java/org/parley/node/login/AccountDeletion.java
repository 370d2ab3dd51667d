package org.parley.node.login;

import io.vertx.core.Future;
import org.parley.node.chat.UserPresence;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.presence.Contacts;
import org.parley.node.registration.Registration;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.AccountStore;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.AccountDeleted;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user deletes its own account: the store forgets it, the network hears it is removed, and every
 * session of the user is told and closed. The name is free again.
 */
public final class AccountDeletion implements FrameHandler<DeleteAccount> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletion.class);

    private final AccountStore accounts;
    private final SessionRegistry registry;
    private final UserPresence presence;
    private final Mailboxes mailboxes;

    private final Contacts contacts;
    private final Registration registration;

    /**
     * @param contacts     forgets the account's contacts, so that the name's next owner inherits none
     * @param registration unlocks the name, so that its next owner is not locked out by the old lock
     */
    public AccountDeletion(AccountStore accounts, SessionRegistry registry, UserPresence presence, Mailboxes mailboxes,
                           Contacts contacts, Registration registration) {
        this.contacts = contacts;
        this.registration = registration;
        this.accounts = accounts;
        this.registry = registry;
        this.presence = presence;
        this.mailboxes = mailboxes;
    }

    @Override
    public void handle(ClientConnection connection, DeleteAccount request, byte[] body) {
        UserAddress user = connection.user();
        delete(user, request.id()).onComplete(done -> {
            if (done.failed()) {
                LOG.error("Could not delete the account of {}", user, done.cause());
                connection.fail(ErrorCode.INTERNAL, "the node could not delete your account; try again",
                        request.id());
                return;
            }
            LOG.info("{} deleted its account", user);
        });
    }

    /**
     * Deletes {@code user}'s account: the store forgets it, the network hears it is removed, its
     * mailbox is emptied, and each of its sessions is told and closed. Resolves to false if there was
     * no such account.
     *
     * @param requestId the id of the user's own request, which its sessions' notice answers; null when
     *                  the node's operator deletes the account
     */
    public Future<Boolean> delete(UserAddress user, String requestId) {
        return accounts.delete(user.name()).map(existed -> {
            if (!existed) {
                return false;
            }
            presence.deleted(user);
            mailboxes.clear(user.name());

            byte[] deleted = FrameEncoder.server().encode(new AccountDeleted(requestId, user.toString()));
            for (Session session : registry.sessionsOf(user.name())) {
                session.deliver(deleted);
                if (session instanceof ClientConnection other) {
                    other.execute(() -> other.close("account deleted"));
                }
            }
            return true;
        }).compose(existed -> !existed ? Future.succeededFuture(false)
                // the name's next owner must find neither the old lock nor the old contacts
                : Future.join(contacts.forget(user), registration.unlock(user.name())).map(true));
    }
}
