/**
 * The second process of a cross-service run, served in-process on a loopback port. It receives a task over HTTP,
 * extracts the caller's W3C trace context (`traceparent`) with the propagator, and runs the task's spans under
 * that remote parent with its own service's tracer. Without the real header round trip the demo could not show
 * that a hand-off between processes keeps one trace.
 */
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlannedSpan } from './types';

const propagator = new W3CTraceContextPropagator();

export interface RemoteTask {
  span: PlannedSpan;
}

export type RemoteHandler = (task: RemoteTask, parent: Context) => Promise<void>;

export interface RemoteService {
  /** Sends the task with the trace context of `parent` and waits until the remote side has run it. */
  call(task: RemoteTask, parent: Context): Promise<void>;
  close(): Promise<void>;
}

export class RemoteServiceError extends Error {
  override name = 'RemoteServiceError';
}

export async function startRemoteService(handler: RemoteHandler): Promise<RemoteService> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let task: RemoteTask;
      try {
        task = parseTask(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
        return;
      }
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      handler(task, parent).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/tasks`;

  return {
    call(task, parent) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      propagator.inject(parent, headers, defaultTextMapSetter);
      const body = JSON.stringify(task);
      return new Promise<void>((resolve, reject) => {
        const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode === 200) resolve();
            else reject(new RemoteServiceError(`remote ${task.span.service} answered ${res.statusCode}: ${Buffer.concat(chunks)}`));
          });
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseTask(text: string): RemoteTask {
  const value: unknown = JSON.parse(text);
  const span = (value as { span?: Partial<PlannedSpan> } | null)?.span;
  if (!span || typeof span.name !== 'string' || typeof span.service !== 'string' || !Array.isArray(span.children)) {
    throw new RemoteServiceError('task body must be {"span": PlannedSpan} with name, service and children');
  }
  return value as RemoteTask;
}
