package org.ncsha.app;

import java.util.ArrayList;
import java.util.List;
import org.ncsha.mse.SetupRules;

/** The admin server's MSE forms, as the pages and the REST take them; each problem names its field. */
public final class MseForms {
  private MseForms() {}

  /** An MSE's address (IPv4, the setup's rule) and its password (required), each problem naming its field. */
  private static void addressAndPassword(List<String> problems, String addressField, String address, String passwordField,
      String password, String whatPassword) {
    SetupRules.ipv4Problem(addressField, address == null ? null : address.strip()).ifPresent(problems::add);
    if (password == null || password.isEmpty()) {
      problems.add(passwordField + ": " + whatPassword + " is required");
    }
  }

  /** Add an MSE: its Health Monitor address and the Prime Infrastructure password set in its setup. */
  public static class Add {
    private String address;
    private String password;

    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      addressAndPassword(problems, "address", address, "password", password,
          "the Prime Infrastructure password set in the MSE's setup");
      return problems;
    }

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /**
   * Pair a primary MSE with a secondary (the guide's MSE High Availability page): both added
   * already, each with its password, and the pair's Failover and Failback Types.
   */
  public static class Pair {
    private String primaryAddress;
    private String primaryPassword;
    private String secondaryAddress;
    private String secondaryPassword;
    private String failoverType;
    private String failbackType;

    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      addressAndPassword(problems, "primaryAddress", primaryAddress, "primaryPassword", primaryPassword,
          "the primary MSE's Prime Infrastructure password");
      addressAndPassword(problems, "secondaryAddress", secondaryAddress, "secondaryPassword", secondaryPassword,
          "the secondary MSE's Prime Infrastructure password");
      type("failoverType", "Failover Type", failoverType).ifPresent(problems::add);
      type("failbackType", "Failback Type", failbackType).ifPresent(problems::add);
      return problems;
    }

    private static java.util.Optional<String> type(String field, String name, String value) {
      return value != null && (value.equalsIgnoreCase("manual") || value.equalsIgnoreCase("automatic"))
          ? java.util.Optional.empty()
          : java.util.Optional.of(field + ": the " + name + " is manual or automatic, was '" + (value == null ? "" : value) + "'");
    }

    public String getPrimaryAddress() {
      return primaryAddress;
    }

    public void setPrimaryAddress(String primaryAddress) {
      this.primaryAddress = primaryAddress;
    }

    public String getPrimaryPassword() {
      return primaryPassword;
    }

    public void setPrimaryPassword(String primaryPassword) {
      this.primaryPassword = primaryPassword;
    }

    public String getSecondaryAddress() {
      return secondaryAddress;
    }

    public void setSecondaryAddress(String secondaryAddress) {
      this.secondaryAddress = secondaryAddress;
    }

    public String getSecondaryPassword() {
      return secondaryPassword;
    }

    public void setSecondaryPassword(String secondaryPassword) {
      this.secondaryPassword = secondaryPassword;
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
  }

  /**
   * Fail a pair back onto its primary (the guide's "Initiate the failback ... using Prime
   * Infrastructure"): the active secondary and its password; {@code primaryReplaced} when the
   * primary MSE was replaced and set up again in HA recovery mode: it first takes the pair's
   * salt, and the secondary is told to take its new certificate (signed with the pair's key, as
   * every first contact).
   */
  public static class Failback {
    private String secondaryAddress;
    private String secondaryPassword;
    private boolean primaryReplaced;

    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      addressAndPassword(problems, "secondaryAddress", secondaryAddress, "secondaryPassword", secondaryPassword,
          "the secondary MSE's Prime Infrastructure password");
      return problems;
    }

    public String getSecondaryAddress() {
      return secondaryAddress;
    }

    public void setSecondaryAddress(String secondaryAddress) {
      this.secondaryAddress = secondaryAddress;
    }

    public String getSecondaryPassword() {
      return secondaryPassword;
    }

    public void setSecondaryPassword(String secondaryPassword) {
      this.secondaryPassword = secondaryPassword;
    }

    public boolean isPrimaryReplaced() {
      return primaryReplaced;
    }

    public void setPrimaryReplaced(boolean primaryReplaced) {
      this.primaryReplaced = primaryReplaced;
    }
  }
}
