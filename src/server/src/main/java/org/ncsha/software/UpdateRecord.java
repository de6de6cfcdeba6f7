package org.ncsha.software;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One install of an update bundle on this server, as the Status of Updates table shows it:
 * Installed, or Rolled back with the reason. Node-local (the hastore unit): each server of a pair
 * has its own patch level, which registration and readiness compare.
 */
@Entity
@Table(name = "SOFTWARE_UPDATE")
public class UpdateRecord {
  public static final String INSTALLED = org.ncsha.update.UpdateOutcome.INSTALLED;
  public static final String ROLLED_BACK = org.ncsha.update.UpdateOutcome.ROLLED_BACK;
  public static final String WITHDRAWN = org.ncsha.update.UpdateOutcome.WITHDRAWN;

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE)
  private Long id;

  @Column(name = "PATCH_ID", nullable = false, length = 64)
  private String patchId;

  @Column(name = "NAME", nullable = false, length = 64)
  private String name;

  @Column(name = "VERSION", nullable = false, length = 40)
  private String version;

  @Column(name = "FROM_VERSION", nullable = false, length = 40)
  private String fromVersion;

  @Column(name = "PUBLISHED", nullable = false, length = 10)
  private String published;

  @Column(name = "DESCRIPTION", nullable = false, length = 1000)
  private String description;

  @Column(name = "STATUS", nullable = false, length = 32)
  private String status;

  @Column(name = "AT_MS", nullable = false)
  private long atMillis;

  @Column(name = "DETAIL", length = 2000)
  private String detail;

  protected UpdateRecord() {}

  public UpdateRecord(PendingInstall pending, String status, Instant at, String detail) {
    this.patchId = pending.patchId();
    this.name = pending.name();
    this.version = pending.version();
    this.fromVersion = pending.fromVersion();
    this.published = pending.published();
    this.description = pending.description();
    this.status = status;
    this.atMillis = at.toEpochMilli();
    this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
  }

  public String getPatchId() {
    return patchId;
  }

  public String getName() {
    return name;
  }

  public String getVersion() {
    return version;
  }

  public String getFromVersion() {
    return fromVersion;
  }

  public String getPublished() {
    return published;
  }

  public String getDescription() {
    return description;
  }

  public String getStatus() {
    return status;
  }

  public Instant getAt() {
    return Instant.ofEpochMilli(atMillis);
  }

  public String getDetail() {
    return detail;
  }
}
