package org.ncsha.registration;

import java.util.Arrays;
import java.util.List;
import org.ncsha.ha.FailoverType;

/**
 * What an administrator entered on HA Configuration, held in memory only until the
 * registration ends: the authentication key is then stored hashed and this copy wiped.
 */
public final class RegistrationRequest {
  private final String secondary;
  private final char[] authKey;
  private final FailoverType failoverType;
  private final org.ncsha.ha.FailbackType failbackType;
  private final List<String> emails;
  private final String virtualIpv4;
  private final String virtualIpv6;

  public RegistrationRequest(
      String secondary, char[] authKey, FailoverType failoverType, org.ncsha.ha.FailbackType failbackType,
      List<String> emails, String virtualIpv4, String virtualIpv6) {
    this.secondary = secondary;
    this.authKey = authKey.clone();
    this.failoverType = failoverType;
    this.failbackType = failbackType;
    this.emails = List.copyOf(emails);
    this.virtualIpv4 = virtualIpv4;
    this.virtualIpv6 = virtualIpv6;
  }

  public String secondary() {
    return secondary;
  }

  char[] authKey() {
    return authKey;
  }

  public FailoverType failoverType() {
    return failoverType;
  }

  public org.ncsha.ha.FailbackType failbackType() {
    return failbackType;
  }

  public List<String> emails() {
    return emails;
  }

  public String virtualIpv4() {
    return virtualIpv4;
  }

  public String virtualIpv6() {
    return virtualIpv6;
  }

  void wipe() {
    Arrays.fill(authKey, '\0');
  }

  @Override
  public String toString() {
    return "RegistrationRequest[secondary=" + secondary + ", failoverType=" + failoverType.wireName() + "]";
  }
}
