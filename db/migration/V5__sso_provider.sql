-- The Operations Center's Single Sign-On provider (docs/operations-center.md): Liberty's own
-- OpenID Connect provider keeps its client registrations, tokens and consents in these tables
-- (its oauthProvider databaseStore, schema public, componentid = the oauthProvider's id "ncsOAuth").
-- Liberty creates none of them itself. They are replicated like every row, so that the secondary
-- Operations Center knows the managed instances' client registrations after a failover. Column
-- names are Liberty's (its SQL is unquoted, so PostgreSQL's lower-case names match).
create table oauth20cache (
    lookupkey      varchar(256)  not null primary key,
    uniqueid       varchar(128)  not null,
    componentid    varchar(256)  not null,
    type           varchar(64)   not null,
    subtype        varchar(64),
    createdat      bigint,
    lifetime       integer,
    expires        bigint,
    tokenstring    varchar(4096) not null,
    clientid       varchar(64)   not null,
    username       varchar(64)   not null,
    scope          varchar(512)  not null,
    redirecturi    varchar(2048),
    stateid        varchar(64)   not null,
    extendedfields text          not null default '{}'
);
create index oauth20cache_uniqueid on oauth20cache (uniqueid);
create index oauth20cache_expires on oauth20cache (expires);
create table oauth20clientconfig (
    componentid    varchar(256)  not null,
    clientid       varchar(256)  not null,
    clientsecret   varchar(256),
    displayname    varchar(256)  not null,
    redirecturi    varchar(2048),
    enabled        integer,
    clientmetadata text          not null default '{}',
    primary key (componentid, clientid)
);
create table oauth20consentcache (
    clientid       varchar(256)  not null,
    userid         varchar(256),
    providerid     varchar(256)  not null,
    scope          varchar(1024) not null,
    expires        bigint,
    extendedfields text          not null default '{}'
);
