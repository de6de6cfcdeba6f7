package org.ncsha.software;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/** The Status of Updates table of this server, in the node-local store. */
@ApplicationScoped
@Transactional
public class UpdateLedger {
  @PersistenceContext(unitName = "hastore")
  private EntityManager em;
  @jakarta.inject.Inject org.ncsha.node.NodeSettings node;

  public void record(UpdateRecord row) {
    em.persist(row);
  }

  /** Newest first. */
  public List<UpdateRecord> all() {
    return em.createQuery("select u from UpdateRecord u order by u.id desc", UpdateRecord.class).setMaxResults(200)
        .getResultList();
  }

  /** The newest row of the table for a patch, if any. */
  public java.util.Optional<UpdateRecord> latestFor(String patchId) {
    return em.createQuery("select u from UpdateRecord u where u.patchId = :p order by u.id desc", UpdateRecord.class)
        .setParameter("p", patchId).setMaxResults(1).getResultList().stream().findFirst();
  }

  /** This server's software as a rolling update looks at it, for one patch. */
  public org.ncsha.update.RollingRules.Software software(String patchId) {
    var last = latestFor(patchId);
    return new org.ncsha.update.RollingRules.Software(org.ncsha.node.ProductVersion.current(),
        installedPatchIds().contains(patchId), last.map(UpdateRecord::getStatus).orElse(null),
        last.map(UpdateRecord::getDetail).orElse(null), last.map(UpdateRecord::getAt).orElse(null));
  }

  /** This server's version and patch level, as the peer and the readiness check compare them. */
  public String patchLevel() {
    return org.ncsha.update.PatchLevel.describe(org.ncsha.node.ProductVersion.current(), installedPatchIds());
  }

  /** The patch ids installed on this server (its patch level), oldest first ({@link org.ncsha.update.PatchLevel#installed}). */
  public Set<String> installedPatchIds() {
    List<org.ncsha.update.PatchLevel.Outcome> rows = em.createQuery("select u from UpdateRecord u order by u.id", UpdateRecord.class)
        .getResultList().stream().map(u -> new org.ncsha.update.PatchLevel.Outcome(u.getPatchId(),
            UpdateRecord.INSTALLED.equals(u.getStatus()), u.getVersion(), u.getAt())).toList();
    return org.ncsha.update.PatchLevel.installed(rows,
        org.ncsha.update.Version.parse("version", org.ncsha.node.ProductVersion.current()), applicationPlaced());
  }

  /** When 'ncs node init' last put the installation's application in place, or null. */
  private java.time.Instant applicationPlaced() {
    java.nio.file.Path file = node.nodeDir().resolve(org.ncsha.update.PatchLevel.APPLICATION_PLACED);
    try {
      return java.time.Instant.parse(java.nio.file.Files.readString(file).strip());
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
      java.util.logging.Logger.getLogger(UpdateLedger.class.getName()).warning("Cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }
}
