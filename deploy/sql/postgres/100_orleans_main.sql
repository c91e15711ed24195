-- Orleans ADO.NET (Microsoft.Orleans.*.AdoNet 10.4.2): the query table its providers read their statements
-- from at start. The packages ship no SQL; this follows Orleans' PostgreSQL-Main.sql, made idempotent
-- (IF NOT EXISTS, upserts) so that --init-schema can run at every start. Applied with the other files of
-- this folder, in name order, in one transaction, by OrleansVmPostgresSchema.EnsureAsync.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
