#!/bin/sh
# usage: pg.sh start|stop   (PostgreSQL 15 for the OC's OAuth store, port 19432, data /tmp/ssoproto/pg/data)
# first-time setup was:
#   runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D /tmp/ssoproto/pg/data -U postgres --auth=trust -E UTF8
#   psql -c "CREATE ROLE oc_oauth LOGIN PASSWORD 'ocpw'" -c "CREATE DATABASE ocdb"; psql -d ocdb -f sql/oauth-ddl.sql
case $1 in
  start) runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/ssoproto/pg/data -l /tmp/ssoproto/pg/pg.log \
           -o "-p 19432 -k /tmp/ssoproto/pg -c listen_addresses=127.0.0.1" start;;
  stop)  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/ssoproto/pg/data stop;;
esac
