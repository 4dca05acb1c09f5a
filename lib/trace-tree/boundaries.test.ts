import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { spansFromText } from './test-fixtures';

describe('agent and service boundaries', () => {
  const tree = buildTree(spansFromText(`
    run          type=workflow svc=api
      planner      type=agent agent=planner svc=api
        think        type=llm svc=api
        delegate     type=tool svc=api
          coder        type=agent agent=coder svc=api
            write        type=llm svc=api
            planner2     type=agent agent=planner svc=api
        same         type=agent agent=planner svc=api
      remote-call  type=tool svc=api
        worker       type=span svc=workers remote
          unnamed      type=span svc=
  `));

  it.each([
    { id: 'run', agent: '', agentBoundary: false, serviceBoundary: false },
    // The first agent below no agent takes control from nobody: not a hand-off.
    { id: 'planner', agent: 'planner', agentBoundary: false, serviceBoundary: false },
    { id: 'think', agent: 'planner', agentBoundary: false, serviceBoundary: false },
    // Compared with the nearest ancestor that has an agent (planner), not with the tool in between.
    { id: 'coder', agent: 'coder', agentBoundary: true, serviceBoundary: false },
    { id: 'write', agent: 'coder', agentBoundary: false, serviceBoundary: false },
    { id: 'planner2', agent: 'planner', agentBoundary: true, serviceBoundary: false },
    { id: 'same', agent: 'planner', agentBoundary: false, serviceBoundary: false },
    { id: 'worker', agent: '', agentBoundary: false, serviceBoundary: true },
    // An unknown service name is not a change of service.
    { id: 'unnamed', agent: '', agentBoundary: false, serviceBoundary: false },
  ])('$id', ({ id, ...expected }) => {
    const n = tree.byId.get(id)!;
    expect({ agent: n.agent, agentBoundary: n.agentBoundary, serviceBoundary: n.serviceBoundary }).toEqual(expected);
  });

  it.each([
    { parentIsRemote: 'remote', expected: true },
    { parentIsRemote: '', expected: false },
  ])('a child in the same service is a boundary only when its parent is remote ($expected)', ({ parentIsRemote, expected }) => {
    const t = buildTree(spansFromText(`
      a svc=x
        b svc=x ${parentIsRemote}
    `));
    expect(t.byId.get('b')!.serviceBoundary).toBe(expected);
  });

  it('marks a service change between parent and child', () => {
    const t = buildTree(spansFromText(`
      a svc=gateway
        b svc=retriever
    `));
    expect(t.byId.get('b')!.serviceBoundary).toBe(true);
  });
});
