#!/bin/sh
# Dynamic client registration at the OC (RFC 7591 style, Liberty's registration endpoint).
# Caller must be in the OP's clientManager role (oauth-roles), authenticated with Basic.
OP=${OP:-https://127.0.0.1:19443}
curl -sk -u admin:adminpw -X POST "$OP/oidc/endpoint/OC/registration" \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d '{
    "client_id": "instance-1",
    "client_secret": "instance-1-secret",
    "client_name": "managed instance 1",
    "redirect_uris": ["https://127.0.0.1:19543/oidcclient/redirect/oc"],
    "grant_types": ["authorization_code"],
    "response_types": ["code"],
    "token_endpoint_auth_method": "client_secret_basic",
    "scope": "openid profile",
    "preauthorized_scope": "openid profile"
  }'
echo
