/**
 * DDL generation for a single server or a replicated cluster. With a cluster name, every statement runs
 * `ON CLUSTER` and MergeTree-family engines become their Replicated* forms, so the same migrations serve the
 * embedded engine, one server, and a cluster of replicas.
 */

export interface DdlTarget {
  database: string;
  /** CLICKHOUSE_CLUSTER, when the schema must exist on every replica of a cluster. */
  cluster?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes a database, table or cluster name after checking it is a plain identifier (names come from config). */
export function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a valid ClickHouse identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

export function onCluster(target: DdlTarget): string {
  return target.cluster ? ` ON CLUSTER ${ident(target.cluster)}` : '';
}

export function table(target: DdlTarget, name: string): string {
  return `${ident(target.database)}.${ident(name)}`;
}

type EngineFamily = 'MergeTree' | 'ReplacingMergeTree' | 'AggregatingMergeTree' | 'SummingMergeTree';

/**
 * The engine clause for a table. On a cluster the replication path names the database and table, so two
 * Loupe databases on one cluster never share a replication queue.
 */
export function engine(target: DdlTarget, family: EngineFamily, tableName: string, args: string[] = []): string {
  if (!target.cluster) return `${family}(${args.join(', ')})`;
  const path = `'/clickhouse/tables/{shard}/${target.database}/${tableName}'`;
  return `Replicated${family}(${[path, "'{replica}'", ...args].join(', ')})`;
}
