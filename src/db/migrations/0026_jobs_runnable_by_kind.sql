-- Workers claim in lanes (ADR 0093): each lane asks for the oldest runnable job of its kinds. Along
-- the seq order alone, the customers lane read past every queued email to find an import (50,000
-- queued emails: 25 ms a claim, at every poll of every worker); by kind it reads its own jobs only
-- (0.1 ms). Partial, as jobs_ready: finished jobs, most of the table, are not in it.
create index if not exists jobs_runnable_by_kind on jobs (kind, seq) where status in ('queued', 'running');
