package org.ncsha.hm;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncsha.readiness.CheckSet;
import org.ncsha.store.HaStore;
import org.ncsha.store.ReadinessResultRecord;

/**
 * The trend graphs of Check Failover Readiness: one Chart.js line per check over the selected
 * range (the last 6 hours by default), its points coloured by status. Times are UTC. Request
 * scoped: Apply posts the range with the form.
 */
@Named
@RequestScoped
public class ReadinessTrendsView {
  static final Duration DEFAULT_RANGE = Duration.ofHours(6);
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Inject HaStore store;

  private LocalDateTime from = LocalDateTime.ofInstant(Instant.now().minus(DEFAULT_RANGE), ZoneOffset.UTC);
  private LocalDateTime to = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
  private List<Chart> charts;

  /** One graph: the check's name and its Chart.js configuration. */
  public record Chart(String name, String json) {}

  public List<Chart> getCharts() {
    if (charts == null) {
      charts = build();
    }
    return charts;
  }

  public void apply() {
    if (from == null || to == null || from.isAfter(to)) {
      FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
          "Select Date Range: the start must be before the end", null));
      return;
    }
    charts = null;
  }

  private List<Chart> build() {
    List<ReadinessResultRecord> rows = store.readinessHistory(CheckSet.FAILOVER.wireName(), from.toInstant(ZoneOffset.UTC),
        to.toInstant(ZoneOffset.UTC));
    Map<String, List<ReadinessResultRecord>> byCheck = new LinkedHashMap<>();
    rows.forEach(r -> byCheck.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r));
    List<Chart> result = new ArrayList<>();
    byCheck.forEach((name, points) -> result.add(new Chart(name, chartJson(points))));
    return result;
  }

  /** The measured value where there is one; otherwise the status as 2 (Pass), 1 (Warning), 0 (Fail). */
  static String chartJson(List<ReadinessResultRecord> points) {
    boolean measured = points.stream().anyMatch(p -> p.getValue() != null);
    String unit = points.get(0).getUnit();
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder values = Json.createArrayBuilder();
    JsonArrayBuilder colours = Json.createArrayBuilder();
    for (ReadinessResultRecord p : points) {
      labels.add(LABEL.format(p.getRunTime()));
      if (measured && p.getValue() == null) {
        values.addNull();
      } else {
        values.add(measured ? p.getValue() : statusLevel(p.getStatus()));
      }
      colours.add(switch (p.getStatus()) {
        case "Pass" -> "#2e7d32";
        case "Warning" -> "#ef6c00";
        default -> "#c62828";
      });
    }
    String label = measured ? (unit == null ? "value" : unit) : "status (2 Pass, 1 Warning, 0 Fail)";
    return Json.createObjectBuilder()
        .add("type", "line")
        .add("data", Json.createObjectBuilder()
            .add("labels", labels)
            .add("datasets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("label", label)
                .add("data", values)
                .add("borderColor", "#1565c0")
                .add("pointBackgroundColor", colours)
                .add("pointRadius", 4)
                .add("spanGaps", true))))
        .add("options", Json.createObjectBuilder()
            .add("animation", false)
            .add("maintainAspectRatio", false)
            .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
        .build().toString();
  }

  private static int statusLevel(String status) {
    return switch (status) {
      case "Pass" -> 2;
      case "Warning" -> 1;
      default -> 0;
    };
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }
}
