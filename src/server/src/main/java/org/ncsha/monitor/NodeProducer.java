package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.ncsha.node.NodeSecrets;
import org.ncsha.node.NodeSettings;

/** Makes this node's settings and generated credentials injectable, read once at start. */
@ApplicationScoped
public class NodeProducer {
  private final NodeSettings settings = NodeSettings.fromSystemProperty();
  private final NodeSecrets secrets = new NodeSecrets(settings.nodeDir());

  // Dependent scope: records are final and cannot be proxied; the instance is shared anyway.
  @Produces
  NodeSettings settings() {
    return settings;
  }

  @Produces
  NodeSecrets secrets() {
    return secrets;
  }
}
