package org.ncsha.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One HA event as the guide's Events tables show it: time, state, description. */
@Entity
@Table(name = "HA_EVENT")
public class HaEventRecord {
  // TABLE generation and epoch milliseconds: plain SQL that every embedded database accepts.
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE)
  private Long id;

  @Column(name = "EVENT_TIME_MS", nullable = false)
  private long timeMillis;

  @Column(name = "STATE", nullable = false, length = 64)
  private String state;

  @Column(name = "DESCRIPTION", nullable = false, length = 2000)
  private String description;

  protected HaEventRecord() {}

  public HaEventRecord(Instant time, String state, String description) {
    this.timeMillis = time.toEpochMilli();
    this.state = state;
    this.description = description.length() > 2000 ? description.substring(0, 2000) : description;
  }

  public Long getId() {
    return id;
  }

  public Instant getTime() {
    return Instant.ofEpochMilli(timeMillis);
  }

  public String getState() {
    return state;
  }

  public String getDescription() {
    return description;
  }
}
