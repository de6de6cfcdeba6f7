-- An MSE node's location service: where each client (by MAC address) was seen, replicated like
-- every row so that a failover of the MSE pair can be seen by its clients (docs/mse.md).
create table mse_location (
    id          bigserial    primary key,
    client_mac  varchar(17)  not null,
    floor       varchar(64)  not null,
    x           double precision not null,
    y           double precision not null,
    seen_at     timestamptz  not null default now()
);
create index mse_location_client on mse_location (client_mac, id);
