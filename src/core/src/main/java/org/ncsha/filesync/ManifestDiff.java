package org.ncsha.filesync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the receiver lacks: the source's files it does not have or has with other content
 * (sent), and its files the source does not have (deleted). The active server is the source
 * of truth, so a file changed by hand on the passive one is simply different, and sent again.
 */
public record ManifestDiff(List<ManifestEntry> send, List<String> delete) {
  public static ManifestDiff between(Collection<ManifestEntry> source, Collection<ManifestEntry> receiver) {
    Map<String, ManifestEntry> there = receiver.stream()
        .collect(Collectors.toMap(ManifestEntry::path, Function.identity(), (a, b) -> a));
    Map<String, ManifestEntry> here = source.stream()
        .collect(Collectors.toMap(ManifestEntry::path, Function.identity(), (a, b) -> a));
    List<ManifestEntry> send = here.values().stream()
        .filter(e -> !Objects.equals(e, there.get(e.path())))
        .sorted(java.util.Comparator.comparing(ManifestEntry::path))
        .toList();
    List<String> delete = there.keySet().stream().filter(p -> !here.containsKey(p)).sorted().toList();
    return new ManifestDiff(send, delete);
  }

  /** Files still to send or delete: the backlog the status and the metrics show. */
  public int pending() {
    return send.size() + delete.size();
  }

  public boolean isEmpty() {
    return pending() == 0;
  }
}
