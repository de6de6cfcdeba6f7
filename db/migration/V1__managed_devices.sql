-- The managed application's devices: the data that HA replicates.
create table managed_device (
    id          bigserial    primary key,
    name        varchar(255) not null unique,
    address     varchar(255) not null,
    created_at  timestamptz  not null default now()
);
