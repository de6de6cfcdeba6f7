package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's install of a pending update (liberty/bin/ncs-server start) where it must roll
 * back: the cases a real Liberty reaches only with an application built to fail in a given way.
 * Liberty's own {@code server} command is replaced by a script that plays it (the one stand-in
 * here, said so in docs/operations.md): it logs each call, and at the start of the new
 * application does what the case needs, as Liberty and the application would (the new version
 * records its install and deletes the pending file at its start, then a web module of it fails;
 * or Liberty reports the application cannot start; or {@code server start} itself fails; or the
 * new version never answers and logs nothing).
 * SoftwareUpdateIT rolls back a real application on a real Liberty.
 */
class LauncherRollbackIT {
  @TempDir Path dir;

  /** The node, the stand-in Liberty and what its start of the new application does ({@code onNewStart}, shell). */
  private Command launch(String onNewStart, boolean cutShortBefore) throws Exception {
    Path node = dir.resolve("node");
    Files.createDirectories(node.resolve("etc"));
    Files.writeString(node.resolve("etc/node.properties"), "node.address=127.0.0.1\nhm.port=1\n");
    Path apps = Files.createDirectories(node.resolve("usr/servers/ncs/apps"));
    Files.createDirectories(node.resolve("usr/servers/ncs/logs"));
    Path software = Files.createDirectories(node.resolve("software/staged"));
    Files.writeString(software.resolve("ncs-ha.ear"), "new\n");
    Files.writeString(node.resolve("software/pending.properties"), "patch.id=p-2\nversion=9.9.9\nfrom.version=0.1.0\n");
    if (cutShortBefore) {
      // A launch cut short after its swap: the new application in place, the old one kept.
      Files.createDirectories(node.resolve("software/previous"));
      Files.writeString(node.resolve("software/previous/ncs-ha.ear"), "old\n");
      Files.writeString(apps.resolve("ncs-ha.ear"), "new\n");
    } else {
      Files.writeString(apps.resolve("ncs-ha.ear"), "old\n");
    }
    Path wlp = Files.createDirectories(dir.resolve("wlp/bin"));
    Files.writeString(wlp.resolve("server"), String.join("\n",
        "#!/usr/bin/env bash",
        "app=$(cat \"$WLP_USER_DIR/servers/ncs/apps/ncs-ha.ear\")",
        "echo \"$1 $app\" >> '" + dir.resolve("calls") + "'",
        "log=\"$WLP_USER_DIR/servers/ncs/logs/messages.log\"",
        "if [ \"$1\" = start ] && [ \"$app\" = new ]; then",
        "  " + onNewStart,
        "fi",
        "exit 0", ""));
    wlp.resolve("server").toFile().setExecutable(true);
    return Command.run(List.of(Pair.REPO.resolve("liberty/bin/ncs-server").toString(), "start"),
        Map.of("NCS_NODE_DIR", node.toString(), "NCS_WLP", dir.resolve("wlp").toString(), "NCS_UPDATE_START_SECONDS", "8"), "");
  }

  private String calls() throws Exception {
    return Files.readString(dir.resolve("calls"));
  }

  private String node(String path) throws Exception {
    return Files.readString(dir.resolve("node").resolve(path));
  }

  private void assertRolledBack(Command run, String reason) throws Exception {
    assertEquals(0, run.code(), run.out());
    assertEquals("start new\nstop new\nstart old\n", calls(), "the old application started again: " + run.out());
    assertEquals("old\n", node("usr/servers/ncs/apps/ncs-ha.ear"));
    String rolledBack = node("software/rolled-back.properties");
    assertTrue(rolledBack.contains("patch.id=p-2") && rolledBack.contains("version=9.9.9"), rolledBack);
    assertTrue(rolledBack.contains("reason=") && rolledBack.contains(reason), rolledBack);
    assertFalse(Files.exists(dir.resolve("node/software/pending.properties")), "nothing pending any more");
    assertFalse(Files.exists(dir.resolve("node/software/staged/ncs-ha.ear")));
    assertFalse(Files.exists(dir.resolve("node/software/rolled-back.properties.part")));
  }

  @Test
  void a_new_version_that_recorded_its_install_and_then_failed_is_rolled_back_and_the_old_one_started() throws Exception {
    // The new version's start: it records the install and deletes the pending file and the staged
    // application (UpdateInstaller.onStart); then a module of it fails.
    Command run = launch("rm -f \"$WLP_USER_DIR/../software/pending.properties\" \"$WLP_USER_DIR/../software/staged/ncs-ha.ear\"; "
        + "echo '[1/1/26, 0:00:00:000 UTC] 0000002a com.ibm.ws.app.manager.AppMessageHelper E CWWKZ0002E: An exception "
        + "occurred while starting the application ncs-ha.' >> \"$log\"", false);
    assertRolledBack(run, "CWWKZ0002E");
  }

  @Test
  void a_launch_cut_short_after_its_swap_goes_back_to_the_application_kept_before_it() throws Exception {
    Command run = launch("echo '[1/1/26, 0:00:00:000 UTC] 0000002a com.ibm.ws.app.manager.AppMessageHelper E CWWKZ0002E: "
        + "An exception occurred while starting the application ncs-ha.' >> \"$log\"", true);
    assertRolledBack(run, "CWWKZ0002E");
    assertEquals("old\n", node("software/previous/ncs-ha.ear"), "the copy kept is still the old application");
  }

  @Test
  void liberty_failing_to_start_is_the_reason_given_at_once_not_a_wait_for_an_answer() throws Exception {
    Command run = launch("exit 1", false);
    assertRolledBack(run, "Liberty did not start with version 9.9.9");
  }

  @Test
  void a_new_version_that_never_answers_and_logs_no_error_is_rolled_back_when_its_time_is_up() throws Exception {
    // Nothing in Liberty's log to quote: the launcher's reason must not end it before its rollback.
    Command run = launch("true", false);
    assertRolledBack(run, "version 9.9.9 did not answer within 8 s");
  }
}
