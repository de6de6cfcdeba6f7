package org.ncsha.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.ncsha.app.ServingRole;
import org.ncsha.monitor.HaEngine;

/**
 * /health/ready for load balancers: UP only on the server that takes writes now, so traffic
 * follows failover and failback without any device or balancer reconfiguration.
 */
@Readiness
@ApplicationScoped
public class ActiveServerCheck implements HealthCheck {
  @Inject HaEngine engine;
  @Inject ServingRole serving;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("ncs-ha-active")
        .status(serving.writable())
        .withData("state", engine.status().state().displayName())
        .build();
  }
}
