package org.ncsha.app;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.ncsha.mse.MseAlarmRule;
import org.ncsha.mse.MseServer;
import org.ncsha.mse.PairingRules;
import org.ncsha.mse.ServerInfo;
import org.ncsha.node.InvalidInput;
import org.ncsha.node.NodeSettings;

/**
 * The admin server's Mobility Services Engines: adding one (its getserverinfo and its password
 * checked, its certificate pinned), pairing two through the guide's rules ({@link PairingRules})
 * by registering the pair on the primary MSE, its failback (onto a replaced primary too),
 * deleting one, and the looks at every MSE that keep the list current and raise the alarms
 * ({@link MseAlarmRule}). No MSE password is kept.
 */
@ApplicationScoped
public class MseDirectory {
  private static final Logger LOG = Logger.getLogger(MseDirectory.class.getName());

  @Inject NodeSettings node;
  @Inject MseRecords records;

  private MseLink link;

  @PostConstruct
  void open() {
    link = new MseLink(node.hmPort());
  }

  public List<MseAppliance> all() {
    return records.all();
  }

  public List<MseAlarm> alarms(int limit) {
    return records.alarms(limit);
  }

  /** Adds the MSE at the form's address, once its getserverinfo answers and it takes the password. */
  public MseAppliance add(MseForms.Add form) throws InvalidInput {
    if (form == null) {
      throw new InvalidInput(List.of("body: {\"address\": ..., \"password\": ...} is required"));
    }
    List<String> problems = form.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    String address = form.getAddress().strip();
    if (records.at(address).isPresent()) {
      throw new InvalidInput(List.of("address: the MSE at " + address + " is in the list already"));
    }
    MseLink.Seen seen;
    try {
      seen = link.serverInfo(address, null);
      if (!link.accepts(address, seen.fingerprint(), form.getPassword().toCharArray())) {
        throw new InvalidInput(List.of("password: the MSE at " + address + " refused it (the Prime Infrastructure password"
            + " set in its setup)"));
      }
    } catch (MseLink.Unreachable e) {
      throw new InvalidInput(List.of("address: " + e.getMessage()));
    }
    MseAppliance added = records.add(address, seen.fingerprint(), seen.info());
    LOG.info("MSE " + seen.info().name() + " at " + address + " added (certificate " + seen.fingerprint() + ")");
    return added;
  }

  /**
   * Pairs two listed MSEs: the guide's rules on what both answer now, both passwords checked,
   * then the registration started on the primary, which the looks then follow. The answer says
   * it started; the MSEs' states tell the rest.
   */
  public String pair(MseForms.Pair form) throws InvalidInput {
    if (form == null) {
      throw new InvalidInput(List.of("body: {\"primaryAddress\": ..., \"primaryPassword\": ..., \"secondaryAddress\": ...,"
          + " \"secondaryPassword\": ..., \"failoverType\": ..., \"failbackType\": ...} is required"));
    }
    List<String> problems = new ArrayList<>(form.problems());
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    MseAppliance primary = listed("primaryAddress", form.getPrimaryAddress().strip(), problems);
    MseAppliance secondary = listed("secondaryAddress", form.getSecondaryAddress().strip(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    try {
      MseLink.Seen p = link.serverInfo(primary.getAddress(), primary.getFingerprint());
      MseLink.Seen s = link.serverInfo(secondary.getAddress(), secondary.getFingerprint());
      if (!"Primary".equals(p.info().role())) {
        problems.add("primaryAddress: " + p.info().name() + " was set up as a " + p.info().role() + " MSE (its setup's"
            + " High availability role must be Primary)");
      }
      if (!"Secondary".equals(s.info().role())) {
        problems.add("secondaryAddress: " + s.info().name() + " was set up as a " + s.info().role() + " MSE (its"
            + " setup's High availability role must be Secondary)");
      }
      MseServer ps;
      MseServer ss;
      try {
        ps = p.info().server();
        ss = s.info().server();
      } catch (IllegalArgumentException e) {
        throw new InvalidInput(List.of("applianceType: " + e.getMessage()));
      }
      problems.addAll(PairingRules.problems(ps, ss));
      if (!problems.isEmpty()) {
        throw new InvalidInput(problems);
      }
      if (!link.accepts(secondary.getAddress(), secondary.getFingerprint(), form.getSecondaryPassword().toCharArray())) {
        throw new InvalidInput(List.of("secondaryPassword: the secondary MSE " + secondary.getAddress() + " refused it"));
      }
      String body = Json.createObjectBuilder().add("secondaryServer", secondary.getAddress())
          .add("authenticationKey", form.getSecondaryPassword()).add("failoverType", form.getFailoverType().toLowerCase())
          .add("failbackType", form.getFailbackType().toLowerCase()).add("emailAddress", "").add("enableVirtualIp", true)
          .add("virtualIpv4", p.info().virtualIp()).build().toString();
      MseLink.Answer answer = link.register(primary.getAddress(), primary.getFingerprint(), form.getPrimaryPassword().toCharArray(),
          body);
      if (answer.status() == 401 || answer.status() == 429) {
        throw new InvalidInput(List.of("primaryPassword: the primary MSE " + primary.getAddress() + " refused it"));
      }
      if (answer.status() != 202) {
        throw new InvalidInput(List.of("registration: the primary MSE " + primary.getAddress() + " refused it: "
            + MseJson.message(answer.body())));
      }
    } catch (MseLink.Unreachable e) {
      throw new InvalidInput(List.of("registration: " + e.getMessage()));
    }
    String started = "Pairing started: " + primary.getName() + " (" + primary.getAddress() + ") with " + secondary.getName()
        + " (" + secondary.getAddress() + "), failover " + form.getFailoverType().toLowerCase() + ", failback "
        + form.getFailbackType().toLowerCase() + "; the list shows their states as they register";
    LOG.info(started);
    return started;
  }

  /**
   * Removes an MSE from the list: a replaced MSE, whose new certificate the admin server does not
   * trust, is deleted and added again. Nothing changes on the MSE itself.
   */
  public void delete(String address) throws InvalidInput {
    String a = address == null ? "" : address.strip();
    if (!records.delete(a)) {
      throw new InvalidInput(List.of("address: no MSE at " + a + " is in the list"));
    }
    LOG.info("MSE at " + a + " deleted from the list");
  }

  /**
   * The guide's failback from Prime Infrastructure: the listed secondary, active, with its
   * password, starts the failback onto its primary. For a replaced primary (set up again in HA
   * recovery mode, with a new certificate) the secondary first forgets the old primary's
   * certificate and the failback waits until it hears the new primary, signed with the pair's
   * key, as HA Not Configured.
   */
  public String failback(MseForms.Failback form) throws InvalidInput {
    if (form == null) {
      throw new InvalidInput(List.of("body: {\"secondaryAddress\": ..., \"secondaryPassword\": ..., \"primaryReplaced\":"
          + " true|false} is required"));
    }
    List<String> problems = new ArrayList<>(form.problems());
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    MseAppliance secondary = listed("secondaryAddress", form.getSecondaryAddress().strip(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    char[] password = form.getSecondaryPassword().toCharArray();
    String address = secondary.getAddress();
    String fingerprint = secondary.getFingerprint();
    try {
      ServerInfo info = link.serverInfo(address, fingerprint).info();
      if (!"Secondary Active".equals(info.haState())) {
        throw new InvalidInput(List.of("secondaryAddress: " + info.name() + " is in state " + info.haState() + "; a"
            + " failback starts on the secondary MSE in Secondary Active"));
      }
      if (!link.accepts(address, fingerprint, password)) {
        throw new InvalidInput(List.of("secondaryPassword: the secondary MSE " + address + " refused it"));
      }
      String primary = info.pairedWith();
      if (form.isPrimaryReplaced()) {
        joinReplacedPrimary(address, fingerprint, password, primary);
        awaitReplacedPrimary(address, fingerprint, password, primary);
      }
      MseLink.Answer answer = link.failback(address, fingerprint, password);
      if (answer.status() != 202) {
        throw new InvalidInput(List.of("failback: the secondary MSE " + address + " refused it: " + MseJson.message(answer.body())));
      }
      String started = "Failback started: " + info.name() + " (" + address + ") hands over to the primary MSE " + primary
          + (form.isPrimaryReplaced() ? ", which first receives the pair's data (HA recovery mode)" : "")
          + "; the list shows their states as it runs";
      LOG.info(started);
      return started;
    } catch (MseLink.Unreachable e) {
      throw new InvalidInput(List.of("failback: " + e.getMessage()));
    }
  }

  /**
   * The replaced primary, listed again with its new certificate, takes the pair's salt with the
   * pair's key (the secondary's password): without it the pair's messages, signed with a secret
   * derived under the secondary's salt, would not verify on the new installation.
   */
  private void joinReplacedPrimary(String secondary, String secondaryFingerprint, char[] key, String primary)
      throws MseLink.Unreachable, InvalidInput {
    var listed = records.at(primary);
    if (listed.isEmpty()) {
      throw new InvalidInput(List.of("primaryReplaced: the replaced primary at " + primary + " is not in the list: delete"
          + " the old one and add the new one first"));
    }
    String salt = link.peerSalt(secondary, secondaryFingerprint);
    MseLink.Answer joined = link.joinPairSalt(primary, listed.get().getFingerprint(), key, salt);
    if (joined.status() == 401 || joined.status() == 429) {
      throw new InvalidInput(List.of("primaryReplaced: the replaced primary MSE " + primary + " refused the secondary's"
          + " password: set it up with the pair's Prime Infrastructure password (the secondary's)"));
    }
    if (joined.status() != 200) {
      throw new InvalidInput(List.of("primaryReplaced: the replaced primary MSE " + primary + " did not take the pair's"
          + " key: " + MseJson.message(joined.body())));
    }
  }

  /** How long the secondary may take to hear a replaced primary: a few heartbeats and a first contact. */
  private static final java.time.Duration REPLACED_PRIMARY_WAIT = java.time.Duration.ofSeconds(45);

  private void awaitReplacedPrimary(String secondary, String fingerprint, char[] password, String primary)
      throws MseLink.Unreachable, InvalidInput {
    MseLink.Answer forgot = link.forgetPeerCertificate(secondary, fingerprint, password, primary);
    if (forgot.status() != 200 && forgot.status() != 404) { // 404: no certificate pinned, nothing to forget
      throw new InvalidInput(List.of("failback: the secondary MSE " + secondary + " did not forget the old primary's"
          + " certificate: " + MseJson.message(forgot.body())));
    }
    long deadline = System.nanoTime() + REPLACED_PRIMARY_WAIT.toNanos();
    String peerState = null;
    while (System.nanoTime() < deadline) {
      peerState = MseJson.field(link.status(secondary, fingerprint), "peerState");
      if ("HA Not Configured".equals(peerState)) {
        return;
      }
      try {
        Thread.sleep(1000); // the secondary's next heartbeat, at most a few seconds away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new InvalidInput(List.of("primaryReplaced: the secondary MSE " + secondary + " does not hear a replaced primary at "
        + primary + " (it reports the primary as " + (peerState == null ? "silent" : peerState) + " after "
        + REPLACED_PRIMARY_WAIT.toSeconds() + " s): set the new primary up with mse-setup, HA recovery mode yes and the"
        + " pair's Prime Infrastructure password, and start it (ncs-mse start)"));
  }

  private MseAppliance listed(String field, String address, List<String> problems) {
    var found = records.at(address);
    if (found.isEmpty()) {
      problems.add(field + ": no MSE at " + address + " is in the list; add it first");
      return null;
    }
    return found.get();
  }

  /** One look at every MSE: each row brought up to date, and the alarm each change raises stored. */
  public void lookAtAll() {
    for (MseAppliance m : records.all()) {
      MseAlarmRule.Look before = m.isAnswered() ? new MseAlarmRule.Look(true, m.getHaState(), m.getPairedWith())
          : MseAlarmRule.Look.silent();
      try {
        MseLink.Seen seen = link.serverInfo(m.getAddress(), m.getFingerprint());
        MseAlarmRule.Look now = new MseAlarmRule.Look(true, seen.info().haState(), seen.info().pairedWith());
        records.looked(m.getId(), seen.info(), null, MseAlarmRule.between(seen.info().name(), m.getAddress(), before, now));
      } catch (MseLink.Unreachable e) {
        records.looked(m.getId(), null, e.getMessage(), MseAlarmRule.between(m.getName(), m.getAddress(), before,
            MseAlarmRule.Look.silent()));
      }
    }
  }
}
