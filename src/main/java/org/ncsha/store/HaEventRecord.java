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
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "EVENT_TIME", nullable = false)
  private Instant time;

  @Column(name = "STATE", nullable = false, length = 64)
  private String state;

  @Column(name = "DESCRIPTION", nullable = false, length = 2000)
  private String description;

  protected HaEventRecord() {}

  public HaEventRecord(Instant time, String state, String description) {
    this.time = time;
    this.state = state;
    this.description = description.length() > 2000 ? description.substring(0, 2000) : description;
  }

  public Long getId() {
    return id;
  }

  public Instant getTime() {
    return time;
  }

  public String getState() {
    return state;
  }

  public String getDescription() {
    return description;
  }
}
