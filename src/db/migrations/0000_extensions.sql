-- Extensions used by later migrations: btree_gist for exclusion constraints over time ranges (no double booking),
-- pg_trgm for name search. Both are "trusted" extensions on PostgreSQL 13+, so a database owner can create them.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
