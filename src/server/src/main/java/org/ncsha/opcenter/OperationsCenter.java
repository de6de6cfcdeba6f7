package org.ncsha.opcenter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.ncsha.files.FileArea;
import org.ncsha.files.FileSync;
import org.ncsha.node.InvalidInput;
import org.ncsha.oc.InstanceLook;

/**
 * Operations Center mode (docs/operations-center.md): its activation, which stands in for the
 * guide's licence file, and its managed instances: adding one (its admin REST answers and takes
 * the login given, its certificate is pinned, the password sealed), deleting one, and the looks
 * every few seconds that keep their HA state, active server and device count current. All of it
 * is in the replicated database, so the secondary has it after a failover.
 */
@ApplicationScoped
public class OperationsCenter {
  private static final Logger LOG = Logger.getLogger(OperationsCenter.class.getName());

  @Inject OcRecords records;
  @Inject FileSync files;

  private final InstanceLink link = new InstanceLink();

  /** Whether the pair is an Operations Center and its instances' addresses, as the database last said. */
  public record Snapshot(boolean activated, List<String> instanceAddresses) {}

  /**
   * What {@link #refresh} last read: the readiness probe's view, which runs on a thread of its own
   * where the container's persistence context is not available.
   */
  private volatile Snapshot snapshot = new Snapshot(false, List.of());

  public Snapshot snapshot() {
    return snapshot;
  }

  /** Reads the activation and the instances' addresses again (the schedule's, on either server). */
  public void refresh() {
    boolean activated = isActive();
    snapshot = new Snapshot(activated, activated ? records.instances().stream().map(OcInstance::getAddress).toList()
        : List.of());
  }

  public Optional<OcActivation> activation() {
    return records.activation();
  }

  public boolean isActive() {
    return records.activation().isPresent();
  }

  /** Makes this server (and its pair) an Operations Center; a second activation changes nothing. */
  public OcActivation activate(String by) throws IOException, FileArea.Refused {
    if (new PasswordSeal(files.area()).ensureKey()) {
      LOG.info("Operations Center: made the key that seals the managed instances' passwords (" + PasswordSeal.KEY + ")");
    }
    OcActivation a = records.activate(by);
    refresh();
    LOG.info("Operations Center activated by " + a.getActivatedBy() + " at " + a.getActivatedAt());
    return a;
  }

  /** Ends Operations Center mode; refused while instances are managed (delete them first). */
  public void deactivate() throws InvalidInput {
    List<OcInstance> managed = records.instances();
    if (!managed.isEmpty()) {
      throw new InvalidInput(List.of("activation: " + managed.size() + " managed instance(s) are listed; delete them"
          + " before ending Operations Center mode"));
    }
    if (records.deactivate()) {
      LOG.info("Operations Center mode ended");
    }
    refresh();
  }

  public List<OcInstance> instances() {
    return records.instances();
  }

  /** Adds the server at the form's address, once its admin REST answers and takes the login. */
  public OcInstance add(OcForms.AddInstance form) throws InvalidInput {
    if (form == null) {
      throw new InvalidInput(List.of("body: {\"address\": ..., \"user\": ..., \"password\": ...} is required"));
    }
    requireActive();
    List<String> problems = form.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    String address = form.getAddress().strip();
    if (records.at(address).isPresent()) {
      throw new InvalidInput(List.of("address: the instance at " + address + " is in the list already"));
    }
    InstanceLink.Seen seen;
    try {
      seen = link.look(address, null, form.getUser().strip(), form.getPassword().toCharArray());
    } catch (InstanceLink.Unreachable e) {
      throw new InvalidInput(List.of("address: " + e.getMessage()));
    }
    String sealed;
    try {
      sealed = new PasswordSeal(files.area()).seal(form.getPassword(), address);
    } catch (IOException | FileArea.Refused | PasswordSeal.Unopenable e) {
      throw new InvalidInput(List.of("password: cannot be kept: " + e.getMessage()));
    }
    InstanceLook.Outcome first = InstanceLook.of(Optional.of(seen.answer()), null, Optional.empty(), null, null);
    OcInstance added = records.add(address, form.getUser().strip(), sealed, seen.fingerprint(), first);
    refresh();
    LOG.info("Operations Center: added the managed instance " + address + " (certificate " + seen.fingerprint() + ")");
    return added;
  }

  public void delete(String address) throws InvalidInput {
    if (!records.delete(address)) {
      throw new InvalidInput(List.of("address: no managed instance at " + address));
    }
    LOG.info("Operations Center: deleted the managed instance " + address);
    refresh();
  }

  /** One look at every instance (the schedule's: on the serving Operations Center, once {@link #refresh} found it activated). */
  public void lookAtAll() {
    PasswordSeal seal = new PasswordSeal(files.area());
    for (OcInstance i : records.instances()) {
      char[] password;
      try {
        password = seal.open(i.getPasswordSealed(), i.getAddress());
      } catch (IOException | FileArea.Refused | PasswordSeal.Unopenable e) {
        records.looked(i.getId(), new InstanceLook.Outcome(false, i.getHaState(), null, null, -1,
            "password: " + e.getMessage()), null);
        continue;
      }
      look(i, password);
    }
  }

  private void look(OcInstance i, char[] password) {
    Optional<InstanceLook.Answer> first = Optional.empty();
    String firstWhy = null;
    try {
      first = Optional.of(link.look(i.getAddress(), i.getFingerprint(), i.getAdminUser(), password).answer());
    } catch (InstanceLink.Unreachable e) {
      firstWhy = e.getMessage();
    }
    Optional<InstanceLook.Answer> peer = Optional.empty();
    String peerWhy = null;
    String peerFingerprint = null;
    if (InstanceLook.askPeer(first, i.getSecondaryAddress())) {
      String secondary = first.map(InstanceLook.Answer::peer).orElse(i.getSecondaryAddress());
      String pinned = secondary.equals(i.getSecondaryAddress()) ? i.getSecondaryFingerprint() : null;
      try {
        InstanceLink.Seen seen = link.look(secondary, pinned, i.getAdminUser(), password);
        peer = Optional.of(seen.answer());
        peerFingerprint = seen.fingerprint();
      } catch (InstanceLink.Unreachable e) {
        peerWhy = e.getMessage();
      }
    }
    records.looked(i.getId(), InstanceLook.of(first, firstWhy, peer, peerWhy, i.getSecondaryAddress()), peerFingerprint);
  }

  private void requireActive() throws InvalidInput {
    if (!isActive()) {
      throw new InvalidInput(List.of("activation: this server is not an Operations Center; activate it first"
          + " (POST /api/operations-center/activation, or the Operations Center page)"));
    }
  }
}
