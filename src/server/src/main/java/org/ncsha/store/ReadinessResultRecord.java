package org.ncsha.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One check of one readiness run, kept for the trend graphs (node-local, never replicated). */
@Entity
@Table(name = "READINESS_RESULT", indexes = @Index(name = "READINESS_BY_TIME", columnList = "CHECK_SET, RUN_TIME_MS"))
public class ReadinessResultRecord {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE)
  private Long id;

  @Column(name = "RUN_TIME_MS", nullable = false)
  private long runTimeMillis;

  @Column(name = "CHECK_SET", nullable = false, length = 16)
  private String checkSet;

  @Column(name = "NAME", nullable = false, length = 80)
  private String name;

  @Column(name = "STATUS", nullable = false, length = 8)
  private String status;

  @Column(name = "MEASURED")
  private Double value;

  @Column(name = "UNIT", length = 8)
  private String unit;

  @Column(name = "DETAIL", length = 2000)
  private String detail;

  @Column(name = "IMPACT", length = 500)
  private String impact;

  @Column(name = "RECOMMENDATION", length = 500)
  private String recommendation;

  protected ReadinessResultRecord() {}

  public ReadinessResultRecord(Instant runTime, String checkSet, String name, String status, Double value, String unit,
      String detail, String impact, String recommendation) {
    this.runTimeMillis = runTime.toEpochMilli();
    this.checkSet = checkSet;
    this.name = name;
    this.status = status;
    this.value = value;
    this.unit = unit;
    this.detail = cut(detail, 2000);
    this.impact = cut(impact, 500);
    this.recommendation = cut(recommendation, 500);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public Instant getRunTime() {
    return Instant.ofEpochMilli(runTimeMillis);
  }

  public String getCheckSet() {
    return checkSet;
  }

  public String getName() {
    return name;
  }

  public String getStatus() {
    return status;
  }

  public Double getValue() {
    return value;
  }

  public String getUnit() {
    return unit;
  }

  public String getDetail() {
    return detail;
  }

  public String getImpact() {
    return impact;
  }

  public String getRecommendation() {
    return recommendation;
  }
}
