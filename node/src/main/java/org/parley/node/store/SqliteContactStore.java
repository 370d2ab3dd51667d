package org.parley.node.store;

import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.parley.node.presence.ContactStore;

/**
 * Who has exchanged direct messages with whom, in the node's SQLite store (table {@code contacts},
 * one row per user of this node and contact).
 */
public final class SqliteContactStore implements ContactStore {

    private final SqliteDatabase db;

    public SqliteContactStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Future<List<Contact>> loadContacts() {
        return db.run(connection -> {
            List<Contact> contacts = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT user, contact FROM contacts");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    contacts.add(new Contact(row.getString(1), row.getString(2)));
                }
            }
            return contacts;
        });
    }

    @Override
    public Future<Void> add(List<Contact> contacts) {
        return db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO contacts (user, contact) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (Contact contact : contacts) {
                    insert.setString(1, contact.user());
                    insert.setString(2, contact.contact());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Future<Void> forget(String name) {
        return db.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contacts WHERE user = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return null;
        });
    }
}
