package org.ncsha.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncsha.readiness.CheckResult;
import org.ncsha.readiness.ReadinessRun;
import org.ncsha.store.ReadinessResultRecord;

/** The one JSON shape of readiness runs and their history, on both ports. */
final class ReadinessJson {
  private ReadinessJson() {}

  static Map<String, Object> run(ReadinessRun run) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", run.time().toString());
    body.put("set", run.set().wireName());
    body.put("peer", run.peer());
    body.put("overall", run.overall().displayName());
    body.put("checks", run.results().stream().map(ReadinessJson::check).toList());
    return body;
  }

  private static Map<String, Object> check(CheckResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("status", r.status().displayName());
    m.put("value", r.value());
    m.put("unit", r.unit());
    m.put("detail", r.detail());
    m.put("impact", r.impact());
    m.put("recommendation", r.recommendation());
    return m;
  }

  /** A run read back from the store (its checks share one run time). */
  static Map<String, Object> stored(List<ReadinessResultRecord> rows) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", rows.get(0).getRunTime().toString());
    body.put("set", rows.get(0).getCheckSet());
    String overall = "Pass";
    for (ReadinessResultRecord r : rows) {
      if ("Fail".equals(r.getStatus()) || ("Warning".equals(r.getStatus()) && "Pass".equals(overall))) {
        overall = r.getStatus();
      }
    }
    body.put("overall", overall);
    body.put("checks", rows.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.getName());
      m.put("status", r.getStatus());
      m.put("value", r.getValue());
      m.put("unit", r.getUnit());
      m.put("detail", r.getDetail());
      m.put("impact", r.getImpact());
      m.put("recommendation", r.getRecommendation());
      return m;
    }).toList());
    return body;
  }

  static List<Map<String, Object>> history(List<ReadinessResultRecord> rows) {
    return rows.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", r.getRunTime().toString());
      m.put("name", r.getName());
      m.put("status", r.getStatus());
      m.put("value", r.getValue());
      m.put("unit", r.getUnit());
      m.put("detail", r.getDetail());
      return m;
    }).toList();
  }
}
