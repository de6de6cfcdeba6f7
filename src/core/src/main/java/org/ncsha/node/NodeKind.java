package org.ncsha.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a node serves besides its Health Monitor: the network-management server (the guide's
 * Prime Infrastructure), or a Mobility Services Engine, which pairs the same way and is
 * paired and watched from the admin server (docs/mse.md). node.properties' {@code node.kind}.
 */
public enum NodeKind {
  SERVER,
  MSE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NodeKind fromWireName(String field, String value) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(value == null ? "" : value.strip()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException(field + " must be one of "
            + Arrays.stream(values()).map(NodeKind::wireName).collect(Collectors.joining(", ")) + ", was '" + value + "'"));
  }
}
