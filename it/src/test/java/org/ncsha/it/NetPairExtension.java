package org.ncsha.it;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a scenario IT its pair in network namespaces, shared by all the class's tests: brought
 * up before the first, taken down after the last, also when a test failed. Namespaces and nft
 * need root: without it the class is skipped, and says why. Register it as a static field:
 * {@code @RegisterExtension static final NetPairExtension NET = new NetPairExtension(...)}.
 */
final class NetPairExtension implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private final String subnet;
  private final String failover;
  private final Map<String, String> env;
  private NetPair pair;

  /** See {@link NetPair#up}: names start with {@code prefix}, addresses in {@code subnet}.0/24. */
  NetPairExtension(String prefix, String subnet, String failover, Map<String, String> env) {
    this.prefix = prefix;
    this.subnet = subnet;
    this.failover = failover;
    this.env = Map.copyOf(env);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        context.getDisplayName() + " needs root: it puts each node in a network namespace and cuts links with nft");
    pair = NetPair.up(prefix, subnet, failover, env);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (pair != null) {
      pair.close();
      pair = null;
    }
  }

  /** The running pair (between the class's first and last test). */
  NetPair pair() {
    if (pair == null) {
      throw new IllegalStateException("the pair is up only while the class's tests run");
    }
    return pair;
  }
}
