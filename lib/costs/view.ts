/**
 * The cost page's view state from its URL (`?days=30&groupBy=agent`): validated, with anything unknown replaced by
 * the default, so a hand-edited or stale link still opens the page.
 */
import { COST_DIMENSIONS, type CostDimension } from './types';

export const VIEW_DAYS = [7, 30, 90] as const;
export type ViewDays = (typeof VIEW_DAYS)[number];

export interface CostView {
  days: ViewDays;
  groupBy: CostDimension;
}

export const DEFAULT_VIEW: CostView = { days: 7, groupBy: 'model' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseCostView(search: Record<string, string | string[] | undefined>): CostView {
  const days = Number(first(search.days));
  const groupBy = first(search.groupBy);
  return {
    days: (VIEW_DAYS as readonly number[]).includes(days) ? (days as ViewDays) : DEFAULT_VIEW.days,
    groupBy: (COST_DIMENSIONS as readonly string[]).includes(groupBy ?? '') ? (groupBy as CostDimension) : DEFAULT_VIEW.groupBy,
  };
}

export function costViewSearch(view: CostView): string {
  const search = new URLSearchParams();
  if (view.days !== DEFAULT_VIEW.days) search.set('days', String(view.days));
  if (view.groupBy !== DEFAULT_VIEW.groupBy) search.set('groupBy', view.groupBy);
  const text = search.toString();
  return text ? `?${text}` : '';
}
