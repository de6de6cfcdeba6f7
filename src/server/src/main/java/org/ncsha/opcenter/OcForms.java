package org.ncsha.opcenter;

import java.util.ArrayList;
import java.util.List;
import org.ncsha.oc.HostAddress;

/** The Operations Center's forms, as the page and the REST take them; each problem names its field. */
public final class OcForms {
  private OcForms() {}

  /** A server's host name or address and an administrator's login there: what both adds below take. */
  public abstract static class AddressLogin {
    private String address;
    private String user;
    private String password;

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public String getUser() {
      return user;
    }

    public void setUser(String user) {
      this.user = user;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** Add a managed instance: its server's host name or address, and an administrator's login there. */
  public static class AddInstance extends AddressLogin {
    private static final int MAX_USER = 64;
    private static final int MAX_PASSWORD = 256;

    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      HostAddress.problem("address", getAddress()).ifPresent(problems::add);
      String user = getUser();
      if (user == null || user.isBlank()) {
        problems.add("user: the instance's administrator user name is required");
      } else if (user.strip().length() > MAX_USER || user.strip().contains(":")) {
        problems.add("user: at most " + MAX_USER + " characters and no ':'");
      }
      String password = getPassword();
      if (password == null || password.isEmpty()) {
        problems.add("password: the instance's administrator password is required");
      } else if (password.length() > MAX_PASSWORD) {
        problems.add("password: at most " + MAX_PASSWORD + " characters");
      }
      return problems;
    }
  }

  /** Set up the Single Sign-On server: the host name or address its users reach it by (the virtual IP). */
  public static class SsoServer {
    private String issuerHost;

    public String getIssuerHost() {
      return issuerHost;
    }

    public void setIssuerHost(String issuerHost) {
      this.issuerHost = issuerHost;
    }
  }

  /**
   * Add the SSO server on an instance: the Operations Center's address as users reach it (its
   * virtual IP) and one of its administrators' login, with which this server registers itself there.
   */
  public static class AddSsoServer extends AddressLogin {
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      HostAddress.problem("address", getAddress()).ifPresent(problems::add);
      if (getUser() == null || getUser().isBlank()) {
        problems.add("user: the Operations Center's administrator user name is required");
      } else if (getUser().strip().contains(":")) {
        problems.add("user: no ':'");
      }
      if (getPassword() == null || getPassword().isEmpty()) {
        problems.add("password: the Operations Center's administrator password is required");
      }
      return problems;
    }
  }
}
