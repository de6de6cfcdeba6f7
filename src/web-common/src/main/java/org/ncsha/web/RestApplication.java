package org.ncsha.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts every JAX-RS resource (admin REST on 9443, Health Monitor REST on 8082) under /api. */
@ApplicationPath("/api")
public class RestApplication extends Application {}
