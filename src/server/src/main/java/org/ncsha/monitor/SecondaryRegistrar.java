package org.ncsha.monitor;

/**
 * The primary's side of an HA registration, which {@link BackgroundActions} runs for
 * REGISTER_SECONDARY. Its implementation lives in {@code org.ncsha.registration}, above the
 * engine: registration uses the engine, the engine knows only this.
 */
public interface SecondaryRegistrar {
  /** Runs the whole registration; throws with an administrator-readable reason when it fails. */
  void run(String secondary, HaEngine engine) throws Exception;
}
