package org.ncsha.opcenter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** That this server (and so its pair) is an Operations Center: the one row of {@code oc_activation}. */
@Entity
@Table(name = "oc_activation")
public class OcActivation {
  @Id
  private Integer id = 1;

  @Column(name = "activated_at", nullable = false, insertable = false, updatable = false)
  private OffsetDateTime activatedAt;

  @Column(name = "activated_by", nullable = false)
  private String activatedBy;

  protected OcActivation() {}

  OcActivation(String activatedBy) {
    this.activatedBy = activatedBy;
  }

  public OffsetDateTime getActivatedAt() {
    return activatedAt;
  }

  public String getActivatedBy() {
    return activatedBy;
  }
}
