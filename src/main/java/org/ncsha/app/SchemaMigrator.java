package org.ncsha.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the application schema up to date with the Flyway migrations in db/migration. Runs
 * only where the database is writable: a standby receives the schema through replication.
 */
@ApplicationScoped
public class SchemaMigrator {
  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Resource(lookup = "jdbc/ncs")
  DataSource dataSource;

  public void migrate() {
    var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(dataSource)
                // Liberty's class loader lists only locations holding a flyway.location marker file.
        .locations("classpath:db/migration")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Applied " + result.migrationsExecuted + " schema migration(s); schema is at version " + result.targetSchemaVersion);
    }
  }
}
