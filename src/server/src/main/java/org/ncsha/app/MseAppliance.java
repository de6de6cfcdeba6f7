package org.ncsha.app;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.ncsha.mse.ServerInfo;

/**
 * An MSE the admin server watches (Mobility Services Engines): as its getserverinfo last
 * answered, and the certificate its Health Monitor presented when it was added, which every later
 * look requires.
 */
@Entity
@Table(name = "mse_appliance")
@JsonbPropertyOrder({"name", "address", "version", "applianceType", "role", "haState", "virtualIp", "pairedWith",
    "answered", "lastError", "lastSeen"})
public class MseAppliance {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, unique = true)
  private String address;

  @Column(nullable = false)
  private String fingerprint;

  private String version;

  @Column(name = "appliance_type")
  private String applianceType;

  private String role;

  @Column(name = "ha_state")
  private String haState;

  @Column(name = "virtual_ip")
  private String virtualIp;

  @Column(name = "prefix_length", nullable = false)
  private int prefixLength = -1;

  @Column(name = "paired_with")
  private String pairedWith;

  @Column(nullable = false)
  private boolean answered = true;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "last_seen")
  private OffsetDateTime lastSeen;

  public MseAppliance() {}

  public MseAppliance(String address, String fingerprint, ServerInfo info) {
    this.address = address;
    this.fingerprint = fingerprint;
    seen(info);
  }

  /** What a look that answered found. */
  public void seen(ServerInfo info) {
    name = info.name();
    version = info.version();
    applianceType = info.applianceType();
    role = info.role();
    haState = info.haState();
    virtualIp = info.virtualIp();
    prefixLength = info.prefixLength();
    pairedWith = info.pairedWith();
    answered = true;
    lastError = null;
    lastSeen = OffsetDateTime.now();
  }

  /** A look that found no answer: why. The rest stays as last seen. */
  public void silent(String why) {
    answered = false;
    lastError = why == null || why.length() <= 500 ? why : why.substring(0, 500);
  }

  @JsonbTransient
  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getAddress() {
    return address;
  }

  @JsonbTransient
  public String getFingerprint() {
    return fingerprint;
  }

  public String getVersion() {
    return version;
  }

  public String getApplianceType() {
    return applianceType;
  }

  public String getRole() {
    return role;
  }

  public String getHaState() {
    return haState;
  }

  public String getVirtualIp() {
    return virtualIp;
  }

  @JsonbTransient
  public int getPrefixLength() {
    return prefixLength;
  }

  public String getPairedWith() {
    return pairedWith;
  }

  public boolean isAnswered() {
    return answered;
  }

  public String getLastError() {
    return lastError;
  }

  public OffsetDateTime getLastSeen() {
    return lastSeen;
  }
}
