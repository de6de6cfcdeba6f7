package org.ncsha.app;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An alarm the admin server raised on what it saw of an MSE (its Alarms list). */
@Entity
@Table(name = "mse_alarm")
@JsonbPropertyOrder({"raisedAt", "severity", "mseAddress", "message"})
public class MseAlarm {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "raised_at", nullable = false, insertable = false, updatable = false)
  private OffsetDateTime raisedAt;

  @Column(nullable = false)
  private String severity;

  @Column(name = "mse_address", nullable = false)
  private String mseAddress;

  @Column(nullable = false)
  private String message;

  public MseAlarm() {}

  public MseAlarm(String severity, String mseAddress, String message) {
    this.severity = severity;
    this.mseAddress = mseAddress;
    this.message = message;
  }

  public OffsetDateTime getRaisedAt() {
    return raisedAt;
  }

  public String getSeverity() {
    return severity;
  }

  public String getMseAddress() {
    return mseAddress;
  }

  public String getMessage() {
    return message;
  }
}
