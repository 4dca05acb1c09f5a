import { BadRequest } from '@/lib/errors';
import { createPriceOverride, listPriceOverrides, parseOverrideBody, toApiPriceOverride } from '@/lib/queries/price-overrides';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, jsonResponse, errorResponse, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/prices/overrides: the project's price overrides, each with the catalog price it replaces. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const overrides = await listPriceOverrides(client, database, projectOf(request, defaultProject), { signal: request.signal });
    return { overrides: overrides.map((o) => toApiPriceOverride(o)) };
  });
}

/**
 * POST /api/v1/prices/overrides {provider, model, inputPerMTok, outputPerMTok, cacheReadPerMTok?, cacheWritePerMTok?,
 * reasoningPerMTok?, effectiveFrom?}: 201 with the stored override; 400 naming the field that is wrong. New spans
 * are priced with it within seconds; spans already stored keep their cost until a recompute.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const body: unknown = await request.json().catch(() => {
      throw new BadRequest('body: expected a JSON object');
    });
    const stored = await createPriceOverride(client, database, parseOverrideBody(body, projectId));
    return jsonResponse(toApiPriceOverride(stored), 201);
  } catch (error) {
    return errorResponse(error, request);
  }
}
