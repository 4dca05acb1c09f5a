/**
 * Where to draw the agent graph: agents on a ring in order of first appearance (the first at the top, then
 * clockwise; two agents stack vertically, which suits a narrow sidebar), hand-offs as quadratic curves from box
 * edge to box edge with an arrowhead. Every curve bends to the right of its direction of travel, so the two
 * edges of a ping-pong (A → B and B → A) bow apart and both stay visible; a pair with both directions bends
 * further. The ellipse grows with the agent count so that neighbouring boxes never overlap (checked up to 40
 * agents in the tests). O(agents + edges); everything returned is plain numbers and strings for an SVG.
 */
import type { AgentGraph } from '@/lib/trace-tree';

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  margin?: number;
}

export interface LayoutNode {
  agent: string;
  /** The name cut to fit the box; the full name goes in the tooltip. */
  label: string;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
  inCycle: boolean;
}

export interface LayoutEdge {
  key: string;
  from: string;
  to: string;
  count: number;
  /** SVG path data of the curve, ending at the base of the arrowhead. */
  path: string;
  /** SVG polygon points of the arrowhead. */
  arrow: string;
  /** Where the label is centred: the curve's midpoint. */
  labelX: number;
  labelY: number;
  strokeWidth: number;
  inCycle: boolean;
}

export interface AgentGraphLayout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** One line per cycle: `cycle: A → B → A`. */
  cycleNotes: string[];
}

interface Point {
  x: number;
  y: number;
}

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;
const LABEL_HALF_WIDTH = 60;
const LABEL_HALF_HEIGHT = 16;
const MAX_LABEL_CHARS = 20;

export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

export function cycleEdgeKeys(cycles: readonly (readonly string[])[]): Set<string> {
  const keys = new Set<string>();
  for (const cycle of cycles) {
    for (let i = 0; i + 1 < cycle.length; i++) keys.add(edgeKey(cycle[i]!, cycle[i + 1]!));
  }
  return keys;
}

export function cycleNote(cycle: readonly string[]): string {
  return `cycle: ${cycle.join(' → ')}`;
}

export function shortLabel(agent: string, max = MAX_LABEL_CHARS): string {
  return agent.length <= max ? agent : `${agent.slice(0, max - 1)}…`;
}

function ellipsePoints(count: number, rx: number, ry: number): Point[] {
  if (count === 1) return [{ x: 0, y: 0 }];
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
    return { x: rx * Math.cos(angle), y: ry * Math.sin(angle) };
  });
}

/**
 * Points on an ellipse for `count` boxes where neighbours never overlap. The first guess makes the arc between
 * neighbours longer than a box plus a gap; on the slanted parts of an ellipse that can still be too tight, so
 * the ellipse grows until every neighbouring pair leaves room for an edge (non-neighbours on a convex ring are
 * farther).
 */
export function ellipseLayout(count: number, nodeWidth: number, nodeHeight: number): Point[] {
  const step = (2 * Math.PI) / Math.max(count, 1);
  let rx = Math.max(nodeWidth * 0.95, (nodeWidth + 36) / step);
  let ry = Math.max(nodeHeight * 2, (nodeHeight + 28) / step, rx * 0.85);
  // Room between neighbours for an arrow and its two-line label, not just for the boxes.
  const apart = (p: Point, q: Point) => Math.abs(p.x - q.x) >= nodeWidth + 56 || Math.abs(p.y - q.y) >= nodeHeight + 44;
  for (let attempt = 0; ; attempt++) {
    const points = ellipsePoints(count, rx, ry);
    const crowded = points.some((p, i) => count > 1 && !apart(p, points[(i + 1) % count]!));
    if (!crowded || attempt === 30) return points;
    rx *= 1.1;
    ry *= 1.1;
  }
}

/** Where the ray from a box's centre towards `toward` leaves the box (plus padding). */
function boxExit(center: Point, toward: Point, halfWidth: number, halfHeight: number, pad: number): Point {
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return center;
  const ux = dx / length;
  const uy = dy / length;
  const t = Math.min(ux === 0 ? Infinity : (halfWidth + pad) / Math.abs(ux), uy === 0 ? Infinity : (halfHeight + pad) / Math.abs(uy));
  return { x: center.x + ux * t, y: center.y + uy * t };
}

const round = (value: number): number => Math.round(value * 10) / 10;

function edgeGeometry(from: LayoutNode, to: LayoutNode, bothWays: boolean) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  // Right of the direction of travel in screen coordinates (y down).
  const nx = -dy / length;
  const ny = dx / length;
  const bow = bothWays ? Math.min(70, Math.max(28, length * 0.22)) : Math.min(40, length * 0.08);
  const control = { x: (from.x + to.x) / 2 + nx * bow * 2, y: (from.y + to.y) / 2 + ny * bow * 2 };
  const start = boxExit(from, control, from.width / 2, from.height / 2, 2);
  const tip = boxExit(to, control, to.width / 2, to.height / 2, 3);
  const tx = tip.x - control.x;
  const ty = tip.y - control.y;
  const tangentLength = Math.hypot(tx, ty) || 1;
  const ux = tx / tangentLength;
  const uy = ty / tangentLength;
  const base = { x: tip.x - ux * ARROW_LENGTH, y: tip.y - uy * ARROW_LENGTH };
  const left = { x: base.x - uy * ARROW_HALF_WIDTH, y: base.y + ux * ARROW_HALF_WIDTH };
  const right = { x: base.x + uy * ARROW_HALF_WIDTH, y: base.y - ux * ARROW_HALF_WIDTH };
  const label = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * tip.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * tip.y };
  return { start, control, base, tip, left, right, label };
}

type EdgeGeometry = ReturnType<typeof edgeGeometry>;

const at = (p: Point, dx: number, dy: number): string => `${round(p.x + dx)} ${round(p.y + dy)}`;

function drawEdge(g: EdgeGeometry, dx: number, dy: number): { path: string; arrow: string } {
  return {
    path: `M ${at(g.start, dx, dy)} Q ${at(g.control, dx, dy)} ${at(g.base, dx, dy)}`,
    arrow: [g.tip, g.left, g.right].map((p) => at(p, dx, dy).replace(' ', ',')).join(' '),
  };
}

export function layoutAgentGraph(graph: AgentGraph, options: LayoutOptions = {}): AgentGraphLayout {
  const nodeWidth = options.nodeWidth ?? 188;
  const nodeHeight = options.nodeHeight ?? 50;
  const margin = options.margin ?? 16;
  const cycleKeys = cycleEdgeKeys(graph.cycles);
  const cycleAgents = new Set(graph.cycles.flat());
  const count = graph.nodes.length;
  const points = ellipseLayout(count, nodeWidth, nodeHeight);

  const nodes: LayoutNode[] = graph.nodes.map((node, i) => ({
    agent: node.agent,
    label: shortLabel(node.agent),
    x: points[i]!.x,
    y: points[i]!.y,
    width: nodeWidth,
    height: nodeHeight,
    inCycle: cycleAgents.has(node.agent),
  }));
  const byAgent = new Map(nodes.map((node) => [node.agent, node]));
  const present = new Set(graph.edges.map((edge) => edgeKey(edge.from, edge.to)));

  const placed: { edge: (typeof graph.edges)[number]; geometry: EdgeGeometry }[] = [];
  for (const edge of graph.edges) {
    const from = byAgent.get(edge.from);
    const to = byAgent.get(edge.to);
    if (!from || !to || from === to) continue;
    placed.push({ edge, geometry: edgeGeometry(from, to, present.has(edgeKey(edge.to, edge.from))) });
  }

  // Shift everything so the drawing starts at the margin; labels may reach outside the ring of boxes.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const include = (x: number, y: number, halfWidth: number, halfHeight: number) => {
    minX = Math.min(minX, x - halfWidth);
    minY = Math.min(minY, y - halfHeight);
    maxX = Math.max(maxX, x + halfWidth);
    maxY = Math.max(maxY, y + halfHeight);
  };
  for (const node of nodes) include(node.x, node.y, node.width / 2, node.height / 2);
  for (const { geometry } of placed) include(geometry.label.x, geometry.label.y, LABEL_HALF_WIDTH, LABEL_HALF_HEIGHT);
  if (nodes.length === 0) return { width: 0, height: 0, nodes, edges: [], cycleNotes: [] };

  const offsetX = margin - minX;
  const offsetY = margin - minY;
  return {
    width: Math.ceil(maxX - minX + 2 * margin),
    height: Math.ceil(maxY - minY + 2 * margin),
    nodes: nodes.map((node) => ({ ...node, x: round(node.x + offsetX), y: round(node.y + offsetY) })),
    edges: placed.map(({ edge, geometry }) => {
      const key = edgeKey(edge.from, edge.to);
      return {
        key,
        from: edge.from,
        to: edge.to,
        count: edge.count,
        ...drawEdge(geometry, offsetX, offsetY),
        labelX: round(geometry.label.x + offsetX),
        labelY: round(geometry.label.y + offsetY),
        strokeWidth: round(1.25 + Math.min(3, Math.log2(Math.max(1, edge.count)) * 0.75)),
        inCycle: cycleKeys.has(key),
      };
    }),
    cycleNotes: graph.cycles.map(cycleNote),
  };
}
