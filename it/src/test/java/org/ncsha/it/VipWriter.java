package org.ncsha.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client that knows only the virtual IP: inside the lab's client namespace it adds a device
 * through https://VIP:9443/api/devices every 100 ms, on a new connection each time (as a device
 * sending a trap would), until stopped, for at most {@code seconds} and 20,000 writes. It takes
 * each server's own certificate as it comes, as the guide's devices do (no certificate is made
 * for a virtual IP). Each answer is recorded: acknowledged (2xx) or not, and when it was sent.
 */
final class VipWriter implements AutoCloseable {
  /** One write: its device name, when it was sent and answered, and whether the server acknowledged it. */
  record Write(String name, Instant sent, Instant answered, boolean acknowledged, String error) {}

  private static final String SCRIPT = String.join("\n",
      "import base64, json, os, ssl, sys, time, urllib.request",
      "url, seconds, prefix, kind = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]",
      "auth = 'Basic ' + base64.b64encode((os.environ['NCS_USER'] + ':' + os.environ['NCS_PASSWORD']).encode()).decode()",
      "ctx = ssl.create_default_context()",
      "ctx.check_hostname = False",
      "ctx.verify_mode = ssl.CERT_NONE",
      "deadline = time.time() + seconds",
      "n = 0",
      "while time.time() < deadline and n < 20000:",
      "    n += 1",
      "    name = '%s-%d' % (prefix, n)",
      "    if kind == 'location':",
      "        body = json.dumps({'clientMac': '02:00:00:00:%02x:%02x' % (n // 256 % 256, n % 256), 'floor': prefix, 'x': n, 'y': 0}).encode()",
      "    else:",
      "        body = json.dumps({'name': name, 'address': '10.4.0.1'}).encode()",
      "    req = urllib.request.Request(url, data=body, method='POST',",
      "        headers={'Content-Type': 'application/json', 'Authorization': auth})",
      "    sent = int(time.time() * 1000)",
      "    try:",
      "        with urllib.request.urlopen(req, timeout=2, context=ctx) as r:",
      "            print('ok', name, sent, int(time.time() * 1000), flush=True)",
      "    except Exception as e:",
      "        print('err', name, sent, int(time.time() * 1000), str(e).replace('\\n', ' ')[:200], flush=True)",
      "    time.sleep(0.1)",
      "");

  private final Process process;
  private final Thread reader;
  private final List<Write> writes = new ArrayList<>();

  /** Starts adding devices through {@code vip} (an IPv4 or IPv6 address) from the namespace {@code clientNs}. */
  VipWriter(String clientNs, String vip, String prefix, String user, String password, int seconds) throws IOException {
    this(clientNs, vip, "/api/devices", "device", prefix, user, password, seconds);
  }

  /**
   * Starts recording MSE location sightings instead (POST /api/mse/locations): write {@code
   * prefix-n} is the sighting with floor {@code prefix} and x {@code n}.
   */
  static VipWriter locations(String clientNs, String vip, String prefix, String user, String password, int seconds)
      throws IOException {
    return new VipWriter(clientNs, vip, "/api/mse/locations", "location", prefix, user, password, seconds);
  }

  private VipWriter(String clientNs, String vip, String path, String kind, String prefix, String user, String password,
      int seconds) throws IOException {
    String host = vip.contains(":") ? "[" + vip + "]" : vip;
    ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", clientNs, "python3", "-c", SCRIPT,
        "https://" + host + ":9443" + path, String.valueOf(seconds), prefix, kind).redirectErrorStream(true);
    pb.environment().put("NCS_USER", user);
    pb.environment().put("NCS_PASSWORD", password);
    process = pb.start();
    reader = new Thread(this::read, "vip-writer-" + prefix);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split(" ", 5);
        if (f.length >= 4 && (f[0].equals("ok") || f[0].equals("err"))) {
          Write w = new Write(f[1], Instant.ofEpochMilli(Long.parseLong(f[2])), Instant.ofEpochMilli(Long.parseLong(f[3])),
              f[0].equals("ok"), f.length > 4 ? f[4] : null);
          synchronized (writes) {
            writes.add(w);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process was stopped
    }
  }

  List<Write> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  List<String> acknowledged() {
    return writes().stream().filter(Write::acknowledged).map(Write::name).toList();
  }

  /** Acknowledged writes sent after {@code since}. */
  long acknowledgedSince(Instant since) {
    return writes().stream().filter(w -> w.acknowledged() && w.sent().isAfter(since)).count();
  }

  /** When the first write sent after {@code since} was acknowledged, if one was. */
  Instant firstAcknowledgedAfter(Instant since) {
    return writes().stream().filter(w -> w.acknowledged() && w.sent().isAfter(since)).map(Write::answered)
        .findFirst().orElse(null);
  }

  /**
   * The client-visible outage: the longest time between two acknowledgements of writes sent after
   * {@code since}. (A write sent just after a server failed may still have been acknowledged by
   * it, so the outage is not measured from the failure.)
   */
  Duration longestGapAfter(Instant since) {
    return gapAfter(since)[1] == null ? Duration.ZERO : Duration.between(gapAfter(since)[0], gapAfter(since)[1]);
  }

  /** When the acknowledgement that ended the longest gap after {@code since} came: the new server's first. */
  Instant endOfLongestGapAfter(Instant since) {
    return gapAfter(since)[1];
  }

  private Instant[] gapAfter(Instant since) {
    List<Instant> acks = writes().stream().filter(w -> w.acknowledged() && w.sent().isAfter(since)).map(Write::answered).toList();
    Instant[] longest = new Instant[2];
    for (int i = 1; i < acks.size(); i++) {
      if (longest[1] == null || Duration.between(acks.get(i - 1), acks.get(i)).compareTo(Duration.between(longest[0], longest[1])) > 0) {
        longest[0] = acks.get(i - 1);
        longest[1] = acks.get(i);
      }
    }
    return longest;
  }

  /** The last error the client saw (for a failure message). */
  String lastError() {
    return writes().stream().filter(w -> !w.acknowledged()).reduce((a, b) -> b).map(w -> w.name() + ": " + w.error())
        .orElse("none");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    reader.join(Duration.ofSeconds(10).toMillis());
  }
}
