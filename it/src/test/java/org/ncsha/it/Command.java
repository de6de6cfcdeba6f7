package org.ncsha.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command the tests run as an operator would (a script of liberty/bin, tar, systemd-analyze): its exit code and output. */
record Command(int code, String out) {

  /** Runs {@code command} with {@code env} added and {@code stdin} as its input; at most 180 s. */
  static Command run(List<String> command, Map<String, String> env, String stdin) throws Exception {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().putAll(env);
    Process p = b.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within 180 s: " + out);
    }
    return new Command(p.exitValue(), out);
  }
}
