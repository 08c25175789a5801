-- Counters of the per-IP limits on sign-in, sign-up, password reset and consent (SPEC §10), kept
-- in the database so that several app nodes share them: an attacker gets 10 sign-in attempts a
-- minute in all, not 10 per node. One row per bucket and client; a row whose window ended is
-- restarted in place by the next hit, and swept by housekeeping (ADR 0056, 0057).
create table rate_limit_hits (
  key text primary key,
  hits integer not null,
  window_ends_at timestamptz not null
);
create index rate_limit_hits_window_ends_at on rate_limit_hits (window_ends_at);
