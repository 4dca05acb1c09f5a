/**
 * CPU time and scheduling of other processes, for the benchmarks that run ClickHouse or the collector as processes
 * of their own: user + system milliseconds from /proc (Linux only), of the whole process or of one of its threads,
 * and a thread's time running and waiting for a CPU.
 */
import { readFileSync } from 'node:fs';

/** NaN when the process (or thread) is gone or /proc is not there. */
export function processCpuMs(pid: number, thread?: number): number {
  try {
    // utime and stime: fields 14 and 15 of /proc/PID/stat (or of one thread's), in clock ticks of 10 ms.
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * How long one thread has run on a CPU and how long it has waited, runnable, for one (`/proc/PID/task/TID/schedstat`,
 * nanoseconds, Linux only); null when not available. Whatever else passes is time the thread slept.
 */
export function threadSchedule(pid: number, thread: number): { runMs: number; waitMs: number } | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return run === undefined || wait === undefined || Number.isNaN(run + wait) ? null : { runMs: run / 1e6, waitMs: wait / 1e6 };
  } catch {
    return null;
  }
}
