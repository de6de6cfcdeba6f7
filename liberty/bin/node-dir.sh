# Sourced by cli-jar.sh and ncs-mse: on an installed server (the CLI's jar in <prefix>/lib) the
# node directory is /var/lib/ncs-ha, unless NCS_NODE_DIR names another.
if [ -f "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/ncs-ha-cli.jar" ]; then
  export NCS_NODE_DIR=${NCS_NODE_DIR:-/var/lib/ncs-ha}
fi
