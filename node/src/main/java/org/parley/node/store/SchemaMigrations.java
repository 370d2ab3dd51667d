package org.parley.node.store;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's schema, versioned: Flyway applies the scripts in {@code db/migration} on the class path
 * ({@code V1__baseline.sql}, then each {@code V<n>__<what>.sql} once, in order, each in its own
 * transaction) and records them in the table {@code flyway_schema_history}. A data directory made
 * before the schema had versions has the tables but no history: it is baselined at version 0, so
 * that V1, written with {@code IF NOT EXISTS}, still runs and creates only what it lacks.
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    /** Brings the database at {@code jdbcUrl} to the newest schema. Blocks: call it on a worker. */
    static void migrate(String jdbcUrl) {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .loggers("slf4j")
                .dataSource(jdbcUrl, null, null)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("data directory from before versioned schemas")
                .load()
                .migrate();
        if (result.initialSchemaVersion == null) {
            LOG.info("New store: schema created at version {}", result.targetSchemaVersion);
        } else if (result.migrationsExecuted > 0) {
            LOG.info("Store schema brought from version {} to {} ({} migration(s) applied)",
                    result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
        }
    }
}
