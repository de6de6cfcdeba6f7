package org.ncsha.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The node's HA configuration and last known state (a single row). Kept in the node-local
 * store because the standby's PostgreSQL is read-only and HA settings are not part of backups.
 */
@Entity
@Table(name = "HA_CONFIG")
public class HaConfigRecord {
  public static final int SINGLETON_ID = 1;

  @Id private int id = SINGLETON_ID;

  @Column(name = "STATE", nullable = false, length = 64)
  private String state;

  @Column(name = "STATE_SINCE_MS", nullable = false)
  private long stateSinceMillis;

  @Column(name = "ROLE", length = 16)
  private String role;

  @Column(name = "PEER_ADDRESS", length = 255)
  private String peerAddress;

  @Column(name = "PEER_FINGERPRINT", length = 64)
  private String peerFingerprint;

  @Column(name = "FAILOVER_TYPE", length = 16)
  private String failoverType;

  /** Null on a node configured by an earlier version: manual. */
  @Column(name = "FAILBACK_TYPE", length = 16)
  private String failbackType;

  @Column(name = "EMAILS", length = 2000)
  private String emails;

  @Column(name = "VIP4", length = 64)
  private String virtualIpv4;

  @Column(name = "VIP6", length = 64)
  private String virtualIpv6;

  /** When this server's Health Monitor last ran a cycle: how long it was down, at the next start. */
  /** This server's address when HA was configured: a later change breaks the pair (AddressChange). */
  @Column(name = "REGISTERED_ADDRESS", length = 255)
  private String registeredAddress;

  @Column(name = "LAST_ALIVE_MS")
  private Long lastAliveMillis;

  @Column(name = "LOG_LEVEL", length = 16)
  private String logLevel;

  public HaConfigRecord() {}

  public Long getLastAliveMillis() {
    return lastAliveMillis;
  }

  public void setLastAliveMillis(Long lastAliveMillis) {
    this.lastAliveMillis = lastAliveMillis;
  }

  public String getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(String logLevel) {
    this.logLevel = logLevel;
  }

  public int getId() {
    return id;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Instant getStateSince() {
    return Instant.ofEpochMilli(stateSinceMillis);
  }

  public void setStateSince(Instant stateSince) {
    this.stateSinceMillis = stateSince.toEpochMilli();
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getPeerAddress() {
    return peerAddress;
  }

  public void setPeerAddress(String peerAddress) {
    this.peerAddress = peerAddress;
  }

  public String getPeerFingerprint() {
    return peerFingerprint;
  }

  public void setPeerFingerprint(String peerFingerprint) {
    this.peerFingerprint = peerFingerprint;
  }

  public String getFailoverType() {
    return failoverType;
  }

  public void setFailoverType(String failoverType) {
    this.failoverType = failoverType;
  }

  public String getFailbackType() {
    return failbackType;
  }

  public void setFailbackType(String failbackType) {
    this.failbackType = failbackType;
  }

  public String getEmails() {
    return emails;
  }

  public void setEmails(String emails) {
    this.emails = emails;
  }

  public String getVirtualIpv4() {
    return virtualIpv4;
  }

  public void setVirtualIpv4(String virtualIpv4) {
    this.virtualIpv4 = virtualIpv4;
  }

  public String getVirtualIpv6() {
    return virtualIpv6;
  }

  public void setVirtualIpv6(String virtualIpv6) {
    this.virtualIpv6 = virtualIpv6;
  }

  public String getRegisteredAddress() {
    return registeredAddress;
  }

  public void setRegisteredAddress(String registeredAddress) {
    this.registeredAddress = registeredAddress;
  }
}
