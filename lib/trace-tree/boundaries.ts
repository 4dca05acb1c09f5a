/**
 * Hand-offs between agents and services, in one top-down pass over the pre-order array (a parent is always
 * seen before its children, so its effective agent is known): O(n).
 */
import type { TraceNode } from './types';

export function markBoundaries(preorder: readonly TraceNode[], byId: ReadonlyMap<string, TraceNode>): void {
  for (const node of preorder) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    const own = node.span.agentName;
    // The nearest ancestor with an agent name, not just the parent: tools and model calls inside an agent
    // usually carry no agent name, and a sub-agent below them is still a hand-off.
    const inherited = parent ? parent.agent : '';
    node.agent = own !== '' ? own : inherited;
    node.agentBoundary = own !== '' && inherited !== '' && own !== inherited;
    const service = node.span.serviceName;
    // An unknown service ('') on either side says nothing about a change, so it is not a boundary.
    const serviceChanged = parent !== undefined && service !== '' && parent.span.serviceName !== '' &&
      service !== parent.span.serviceName;
    node.serviceBoundary = serviceChanged || node.span.parentIsRemote;
  }
}
