import { BadRequest } from '@/lib/errors';
import { deletePriceOverride } from '@/lib/queries/price-overrides';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

const OVERRIDE_ID = /^[0-9a-f-]{36}$/;

/** DELETE /api/v1/prices/overrides/{id}: removes the override (a soft delete); 404 when the project has none. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(request, async () => {
    const { id } = await context.params;
    if (!OVERRIDE_ID.test(id)) throw new BadRequest(`id: expected an override id, got ${JSON.stringify(id.slice(0, 80))}`);
    const { client, database, defaultProject } = serverClickHouse();
    await deletePriceOverride(client, database, projectOf(request, defaultProject), id);
    return { deleted: id };
  });
}
