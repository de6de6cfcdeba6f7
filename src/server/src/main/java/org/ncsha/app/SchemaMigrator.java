package org.ncsha.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.ncsha.node.NodeSecrets;
import org.ncsha.node.NodeSettings;

/**
 * Brings the application schema up to date with the Flyway migrations in db/migration. Runs
 * only where the database is writable: a standby receives the schema through replication.
 */
@ApplicationScoped
public class SchemaMigrator {
  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Inject NodeSettings node;
  @Inject NodeSecrets secrets;

  public void migrate() {
    // A direct connection of its own: right after a promotion, pooled connections opened
    // while the database was a standby may be stale, and Flyway must not fail on one.
    String url = "jdbc:postgresql://" + node.address() + ":" + node.dbPort() + "/ncs";
    var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(url, org.ncsha.db.PostgresConfig.APP_USER, secrets.applicationPassword())
        // Liberty's class loader lists only locations holding a flyway.location marker file.
        .locations("classpath:db/migration")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Applied " + result.migrationsExecuted + " schema migration(s); schema is at version " + result.targetSchemaVersion);
    }
  }
}
