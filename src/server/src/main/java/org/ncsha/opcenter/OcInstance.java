package org.ncsha.opcenter;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.ncsha.oc.HostAddress;
import org.ncsha.oc.InstanceLook;

/**
 * A server the Operations Center manages ("managed instance"), as its admin REST last answered,
 * with the certificate it presented when it was added (required at every later look) and its
 * administrator's password, sealed ({@link PasswordSeal}); neither is ever shown.
 */
@Entity
@Table(name = "oc_instance")
@JsonbPropertyOrder({"address", "adminUser", "haState", "activeServer", "secondaryAddress", "deviceCount", "reachable",
    "lastError", "lastSeen", "crossLaunch"})
public class OcInstance {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String address;

  @Column(name = "admin_user", nullable = false)
  private String adminUser;

  @Column(name = "password_sealed", nullable = false)
  private String passwordSealed;

  @Column(nullable = false)
  private String fingerprint;

  @Column(name = "secondary_address")
  private String secondaryAddress;

  @Column(name = "secondary_fingerprint")
  private String secondaryFingerprint;

  @Column(name = "ha_state")
  private String haState;

  @Column(name = "active_server")
  private String activeServer;

  @Column(name = "device_count", nullable = false)
  private int deviceCount = -1;

  @Column(nullable = false)
  private boolean reachable = true;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "last_seen")
  private OffsetDateTime lastSeen;

  protected OcInstance() {}

  OcInstance(String address, String adminUser, String passwordSealed, String fingerprint) {
    this.address = address;
    this.adminUser = adminUser;
    this.passwordSealed = passwordSealed;
    this.fingerprint = fingerprint;
  }

  /** What a look found; {@code secondaryFingerprint} the certificate the secondary presented when first met (null: not met). */
  void looked(InstanceLook.Outcome outcome, String secondaryFingerprint) {
    if (outcome.secondaryAddress() != null && !outcome.secondaryAddress().equals(secondaryAddress)) {
      this.secondaryFingerprint = null; // another secondary: its certificate is met anew
    }
    if (secondaryFingerprint != null && this.secondaryFingerprint == null) {
      this.secondaryFingerprint = secondaryFingerprint;
    }
    reachable = outcome.reachable();
    haState = outcome.haState();
    activeServer = outcome.activeServer();
    if (outcome.secondaryAddress() != null) {
      secondaryAddress = outcome.secondaryAddress();
    }
    if (outcome.deviceCount() >= 0) {
      deviceCount = outcome.deviceCount();
    }
    lastError = outcome.why() == null ? null : outcome.why().substring(0, Math.min(500, outcome.why().length()));
    if (outcome.reachable()) {
      lastSeen = OffsetDateTime.now();
    }
  }

  @JsonbTransient
  public Long getId() {
    return id;
  }

  public String getAddress() {
    return address;
  }

  public String getAdminUser() {
    return adminUser;
  }

  @JsonbTransient
  public String getPasswordSealed() {
    return passwordSealed;
  }

  @JsonbTransient
  public String getFingerprint() {
    return fingerprint;
  }

  @JsonbTransient
  public String getSecondaryFingerprint() {
    return secondaryFingerprint;
  }

  public String getSecondaryAddress() {
    return secondaryAddress;
  }

  public String getHaState() {
    return haState;
  }

  public String getActiveServer() {
    return activeServer;
  }

  public int getDeviceCount() {
    return deviceCount;
  }

  public boolean isReachable() {
    return reachable;
  }

  public String getLastError() {
    return lastError;
  }

  public OffsetDateTime getLastSeen() {
    return lastSeen;
  }

  /** Where a user cross-launches into the instance: its active server's pages (the one it was added with when none serves). */
  public String getCrossLaunch() {
    return "https://" + HostAddress.urlHost(activeServer != null ? activeServer : address) + ":" + InstanceLink.ADMIN_PORT
        + "/admin/ha.xhtml";
  }
}
