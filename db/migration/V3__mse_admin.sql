-- The admin server's Mobility Services Engines (docs/mse.md): the MSEs it watches, as their
-- getserverinfo last answered, with the TLS certificate first met at each (pinned), and the
-- alarms its looks raised. Replicated like every row: the admin server's secondary has them
-- after a failover. No MSE password is kept: adding and pairing ask for it.
create table mse_appliance (
    id              bigserial    primary key,
    name            varchar(64)  not null,
    address         varchar(64)  not null unique,
    fingerprint     varchar(64)  not null,
    version         varchar(32),
    appliance_type  varchar(16),
    role            varchar(16),
    ha_state        varchar(64),
    virtual_ip      varchar(64),
    prefix_length   integer      not null default -1,
    paired_with     varchar(64),
    answered        boolean      not null default true,
    last_error      varchar(500),
    last_seen       timestamptz,
    added_at        timestamptz  not null default now()
);
create table mse_alarm (
    id           bigserial     primary key,
    raised_at    timestamptz   not null default now(),
    severity     varchar(16)   not null,
    mse_address  varchar(64)   not null,
    message      varchar(1000) not null
);
create index mse_alarm_raised on mse_alarm (id desc);
