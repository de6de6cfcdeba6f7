#!/bin/bash
# Register an OIDC client by inserting a row directly into OAUTH20CLIENTCONFIG (Liberty databaseStore).
# usage: insert-client.sh <client_id> <secret> <redirect_uri> [plain]
# componentid must equal the <oauthProvider id> ("ncsOAuth"). The secret is stored inside CLIENTMETADATA
# in Liberty's default encoding {xor}base64(bytes XOR 0x5F) (clientSecretEncoding="XOR"), CLIENTSECRET column left empty
# as Liberty itself does; pass "plain" to store the secret unencoded instead.
ID=$1; SECRET=$2; REDIR=$3
if [ "$4" = plain ]; then ENC=$SECRET; else ENC="{xor}$(python3 -c "import base64,sys; print(base64.b64encode(bytes(b^0x5f for b in sys.argv[1].encode())).decode())" "$SECRET")"; fi
META=$(python3 - "$ID" "$ENC" "$REDIR" <<'PY'
import json,sys,time
cid,sec,redir=sys.argv[1:4]
print(json.dumps({"client_id":cid,"client_secret":sec,"client_name":cid,"redirect_uris":[redir],
 "grant_types":["authorization_code"],"response_types":["code"],"scope":"openid profile",
 "preauthorized_scope":"openid profile","token_endpoint_auth_method":"client_secret_basic",
 "application_type":"web","client_id_issued_at":int(time.time()),"client_secret_expires_at":0}))
PY
)
runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p 19432 -U postgres -d ocdb -v ON_ERROR_STOP=1 \
  -v id="$ID" -v meta="$META" <<'SQL'
INSERT INTO oauthdbschema.oauth20clientconfig (componentid, clientid, clientsecret, displayname, redirecturi, enabled, clientmetadata)
VALUES ('ncsOAuth', :'id', '', :'id', '', 1, :'meta');
SQL
