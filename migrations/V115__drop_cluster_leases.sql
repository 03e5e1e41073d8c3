-- The once-per-cluster work (periodic pass, news watch) runs as clustered Quartz jobs in the V1 tables
-- (node/ClusterScheduler); the lease table it used before is no longer read or written.
DROP TABLE cluster_leases;
