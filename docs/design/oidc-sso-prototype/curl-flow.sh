#!/bin/bash
# Follow the OIDC code flow by hand with curl: RP cookie jar, OP Basic credentials.
# usage: curl-flow.sh [start-url]   (OP user admin:adminpw)
START=${1:-https://127.0.0.1:19543/ssologin/start?target=/app/admin/page}
J=$(mktemp); OPJ=$(mktemp)
url=$START
for i in $(seq 1 10); do
  case "$url" in
    https://127.0.0.1:19443/*) out=$(curl -sk -u admin:adminpw -c $OPJ -b $OPJ -o /tmp/flow.body -w '%{http_code} %{redirect_url}' "$url");;
    *) out=$(curl -sk -c $J -b $J -o /tmp/flow.body -w '%{http_code} %{redirect_url}' "$url");;
  esac
  code=${out%% *}; next=${out#* }
  echo "[$i] $code $url"
  [ "$code" = 302 ] || [ "$code" = 303 ] || break
  case "$next" in /*) next="${url%%/[!/]*}${next}"; next=$(echo "$url" | sed -E 's#^(https://[^/]+).*#\1#')$(echo "$out" | cut -d' ' -f2- | sed -E 's#^https://[^/]+##');; esac
  url=$next
done
echo "--- final body:"; head -c 600 /tmp/flow.body; echo
echo "--- RP cookies:"; sed 's/^#HttpOnly_//' $J | grep -v '^#' | awk 'NF{print $6}' | tr '\n' ' '; echo
cp $J /tmp/ssoproto/last-rp-cookies.txt; rm -f $J $OPJ
