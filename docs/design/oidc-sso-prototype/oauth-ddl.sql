-- OAuth/OIDC provider store for Liberty's <oauthProvider><databaseStore> on PostgreSQL.
-- Liberty does NOT create OAUTH20CACHE / OAUTH20CLIENTCONFIG (no createTables attribute);
-- it creates only OAUTH20CONSENTCACHE itself if missing (needs CREATE on the schema) - we create it here.
-- Column names = Liberty's TableConstants; unquoted identifiers -> PostgreSQL folds to lower case,
-- Liberty's SQL is unquoted too, so that matches.  DB2's CLOB -> TEXT.
CREATE SCHEMA IF NOT EXISTS oauthdbschema AUTHORIZATION postgres;
-- tables owned by postgres; the Liberty login role gets DML only (see GRANTs at the end)
CREATE TABLE oauthdbschema.oauth20cache (
  lookupkey      VARCHAR(256)  NOT NULL PRIMARY KEY,
  uniqueid       VARCHAR(128)  NOT NULL,
  componentid    VARCHAR(256)  NOT NULL,
  type           VARCHAR(64)   NOT NULL,
  subtype        VARCHAR(64),
  createdat      BIGINT,
  lifetime       INT,
  expires        BIGINT,
  tokenstring    VARCHAR(4096) NOT NULL,
  clientid       VARCHAR(64)   NOT NULL,
  username       VARCHAR(64)   NOT NULL,
  scope          VARCHAR(512)  NOT NULL,
  redirecturi    VARCHAR(2048),
  stateid        VARCHAR(64)   NOT NULL,
  extendedfields TEXT          NOT NULL DEFAULT '{}'
);
CREATE INDEX oauth20cache_uniqueid ON oauthdbschema.oauth20cache (uniqueid);
CREATE INDEX oauth20cache_expires  ON oauthdbschema.oauth20cache (expires);
CREATE TABLE oauthdbschema.oauth20clientconfig (
  componentid    VARCHAR(256)  NOT NULL,
  clientid       VARCHAR(256)  NOT NULL,
  clientsecret   VARCHAR(256),
  displayname    VARCHAR(256)  NOT NULL,
  redirecturi    VARCHAR(2048),
  enabled        INT,
  clientmetadata TEXT          NOT NULL DEFAULT '{}',
  PRIMARY KEY (componentid, clientid)
);
CREATE TABLE oauthdbschema.oauth20consentcache (
  clientid       VARCHAR(256)  NOT NULL,
  userid         VARCHAR(256),
  providerid     VARCHAR(256)  NOT NULL,
  scope          VARCHAR(1024) NOT NULL,
  expires        BIGINT,
  extendedfields TEXT          NOT NULL DEFAULT '{}'
);

GRANT USAGE ON SCHEMA oauthdbschema TO oc_oauth;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA oauthdbschema TO oc_oauth;
