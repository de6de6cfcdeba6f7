-- Operations Center (docs/operations-center.md): whether this server was activated as one, and
-- the servers it manages ("managed instances"), as their admin REST last answered, with the TLS
-- certificate first met at each (pinned). Replicated like every row, so that the secondary
-- Operations Center has its activation and its instances after a failover (the guide: "all
-- managed instances ... are automatically carried over"). An instance's admin password is kept
-- encrypted (AES-GCM) under a key that is not in the database: the file area's
-- settings/operations-center/instances.key, which file sync carries to the secondary.
create table oc_activation (
    id            integer      primary key check (id = 1),
    activated_at  timestamptz  not null default now(),
    activated_by  varchar(64)  not null
);
create table oc_instance (
    id                 bigserial     primary key,
    address            varchar(255)  not null unique,
    admin_user         varchar(64)   not null,
    password_sealed    varchar(512)  not null,
    fingerprint        varchar(64)   not null,
    secondary_address  varchar(255),
    secondary_fingerprint varchar(64),
    ha_state           varchar(64),
    active_server      varchar(255),
    device_count       integer       not null default -1,
    reachable          boolean       not null default true,
    last_error         varchar(500),
    last_seen          timestamptz,
    added_at           timestamptz   not null default now()
);
