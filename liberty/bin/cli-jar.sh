# Sourced by ncs, ncs-setup and mse-setup: sets CLI_JAR to the CLI's jar, which needs only Java.
#   installed (the distribution): <prefix>/bin/ncs and <prefix>/lib/ncs-ha-cli.jar
#   source tree: <repo>/liberty/bin/ncs and <repo>/src/cli/target/ncs-ha-cli.jar, built when missing
#   or older than the CLI's or the core's sources (those two modules alone, tests compiled, not run)
_here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[1]}")")" && pwd)
# The launchers' directory (ncs-server), which 'ncs node init' tells the server about.
export NCS_BIN=$_here
if [ -f "$_here/../lib/ncs-ha-cli.jar" ]; then
  CLI_JAR=$(cd "$_here/../lib" && pwd)/ncs-ha-cli.jar
  # An installed server: its runtime and server for 'ncs node init', and its one node directory.
  NCS_HOME=$(cd "$_here/.." && pwd)
  export NCS_HOME
  # shellcheck source=node-dir.sh
  . "$_here/node-dir.sh"
else
  _repo=$(cd "$_here/../.." && pwd)
  CLI_JAR=$_repo/src/cli/target/ncs-ha-cli.jar
  if [ ! -f "$CLI_JAR" ] || [ -n "$(find "$_repo/src/cli/src/main" "$_repo/src/core/src/main" -type f -newer "$CLI_JAR" -print -quit 2>/dev/null)" ]; then
    if ! (cd "$_repo" && mvn -B -q -o -pl src/cli -am -DskipTests package) >&2; then
      [ -f "$CLI_JAR" ] || { echo "$(basename "${BASH_SOURCE[1]}"): building the CLI failed (in $_repo)" >&2; exit 1; }
      echo "$(basename "${BASH_SOURCE[1]}"): building the CLI failed; using the jar built before" >&2
    fi
  fi
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
