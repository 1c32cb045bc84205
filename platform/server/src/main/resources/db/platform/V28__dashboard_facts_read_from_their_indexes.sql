-- The dashboards read a tenant's monthly facts up to a month. Those rows are written as pathways change, month after
-- month and interleaved with every other tenant's, so a tenant's rows lie on as many heap pages as it has rows
-- (6,651 exit rows on 4,826 pages for the Somme in the national data set). These indexes hold every column the
-- dashboards read, so PostgreSQL answers from the index alone (an index-only scan) instead of visiting each page.
CREATE INDEX pathway_fact_dashboard ON platform.pathway_fact (tenant_id, month)
  INCLUDE (action_type, territory, organisation_id, offer_id, orientations, entries, exits, exit_days, waiting_joined,
           waiting_left, sessions, registered, present, absent, excused);

CREATE INDEX pathway_exit_fact_dashboard ON platform.pathway_exit_fact (tenant_id, month)
  INCLUDE (exit_type, action_type, territory, organisation_id, offer_id, exits);
