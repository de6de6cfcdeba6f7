package org.ncsha.app;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Where an MSE's location service saw a client: the MSE node's replicated application data. */
@Entity
@Table(name = "mse_location")
@JsonbPropertyOrder({"id", "clientMac", "floor", "x", "y", "seenAt"})
public class MseLocation {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "client_mac", nullable = false)
  private String clientMac;

  @Column(nullable = false)
  private String floor;

  @Column(nullable = false)
  private double x;

  @Column(nullable = false)
  private double y;

  @Column(name = "seen_at", nullable = false, insertable = false, updatable = false)
  private OffsetDateTime seenAt;

  public MseLocation() {}

  public MseLocation(String clientMac, String floor, double x, double y) {
    this.clientMac = clientMac;
    this.floor = floor;
    this.x = x;
    this.y = y;
  }

  public Long getId() {
    return id;
  }

  public String getClientMac() {
    return clientMac;
  }

  public String getFloor() {
    return floor;
  }

  public double getX() {
    return x;
  }

  public double getY() {
    return y;
  }

  public OffsetDateTime getSeenAt() {
    return seenAt;
  }
}
