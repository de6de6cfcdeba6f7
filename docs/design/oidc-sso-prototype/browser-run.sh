#!/bin/sh
# usage: run.sh [click]
cd /tmp/ssoproto/browser && java -cp "$(cat ../selenium.cp).:." SsoBrowserTest \
  "https://${OCUSER:-admin:adminpw}@127.0.0.1:19443/app/admin/page" "https://127.0.0.1:19543/app/admin/page" "$@" 2>&1 | grep -v -E "^(WARNING|INFO|SLF4J)|org.openqa.selenium.devtools|CdpVersionFinder"
