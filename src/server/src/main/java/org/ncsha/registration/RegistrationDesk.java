package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;

/** Hands the administrator's registration request to the REGISTER_SECONDARY action, once. */
@ApplicationScoped
public class RegistrationDesk {
  private RegistrationRequest pending;

  public synchronized void offer(RegistrationRequest request) {
    if (pending != null && pending != request) {
      pending.wipe();
    }
    pending = request;
  }

  synchronized RegistrationRequest take() {
    RegistrationRequest request = pending;
    pending = null;
    return request;
  }
}
