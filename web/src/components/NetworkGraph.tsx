// The elder and their helpers drawn with cytoscape: one edge per helper, coloured by the
// helper's first kind; helpers ticked in "what if" are drawn faded with a dashed edge.
//
// Legible with many helpers on a phone: the helpers sit around the elder on one circle, or on
// two with every other helper on the outer one, whichever is smaller (a preset layout). A label
// is at most LABEL_WIDTH wide (a longer one ends in "…"), and a helper with its label fits in a
// BOX_W × BOX_H box; the radii are the smallest at which no two boxes (and the elder's) meet, so
// no two labels can overlap. The view is fitted to its box but never zoomed out below MIN_ZOOM
// (it pans instead). Edge labels (the helper's kinds) are drawn only for a few helpers; the
// colours, the legend and the table say the same for more.
import cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import { KIND_COLOURS } from "../colour";
import type { Helper } from "../queries";

const NODE = 24;
const ELDER = 58;
const FONT = 12;
const LABEL_WIDTH = 56;
const BOX_W = LABEL_WIDTH + 2 + 6; // the label's background padding, and a gap
const BOX_H = NODE + 4 + FONT * 1.4 + 2 + 6; // the node, the margin, one line of label, padding, gap
const MIN_RADIUS = 110; // clear of the elder and of the edge labels (drawn for a few helpers)
const EDGE_LABELS_UP_TO = 6;
const MIN_ZOOM = 0.75;

type Point = { x: number; y: number };

function ring(n: number, radius: number, turn = 0): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + turn + (2 * Math.PI * i) / n;
    return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
  });
}

function apart(points: Point[]): boolean {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (Math.abs(p.x) < (BOX_W + ELDER) / 2 && Math.abs(p.y) < (BOX_H + ELDER) / 2) return false;
    for (let j = i + 1; j < points.length; j++)
      if (Math.abs(p.x - points[j].x) < BOX_W && Math.abs(p.y - points[j].y) < BOX_H) return false;
  }
  return true;
}

const extent = (points: Point[]) =>
  Math.max(...points.map((p) => Math.max(Math.abs(p.x) + BOX_W / 2, Math.abs(p.y) + BOX_H / 2)));

/** Where the helpers sit: the tighter of one circle and two. */
function layout(n: number): Point[] {
  if (n === 0) return [];
  let best: Point[] | null = null;
  for (let r = MIN_RADIUS; !best; r += 2) if (apart(ring(n, r))) best = ring(n, r);
  if (n >= 8) {
    const inner = Math.floor(n / 2);
    const outer = n - inner;
    for (let r1 = MIN_RADIUS * 0.7; r1 < extent(best); r1 += 4)
      for (let r2 = r1 + 20; r2 < extent(best); r2 += 4) {
        const inside = ring(inner, r1);
        const outside = ring(outer, r2, Math.PI / outer);
        // Alternate inner and outer, so that the table's order goes round the elder.
        const points = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? outside[i / 2] : inside[(i - 1) / 2]));
        if (apart(points)) {
          if (extent(points) < extent(best)) best = points;
          break;
        }
      }
  }
  return best.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
}

export function NetworkGraph(props: {
  elderName: string;
  helpers: Helper[];
  removed: Set<string>;
  kindLabel: (kind: string) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const at = layout(props.helpers.length);
    const edgeLabels = props.helpers.length <= EDGE_LABELS_UP_TO;
    const elements: cytoscape.ElementDefinition[] = [
      { data: { id: "elder", label: props.elderName, colour: "#343a40" }, position: { x: 0, y: 0 } },
    ];
    props.helpers.forEach((h, i) => {
      const colour = KIND_COLOURS[h.kinds[0]] ?? KIND_COLOURS.OTHER;
      const gone = props.removed.has(h.personId) ? "gone" : "";
      elements.push({ data: { id: `p-${h.personId}`, label: h.name ?? h.personId, colour }, classes: gone, position: at[i] });
      elements.push({
        data: {
          id: `e-${h.personId}`,
          source: `p-${h.personId}`,
          target: "elder",
          colour,
          label: edgeLabels ? h.kinds.map(props.kindLabel).join("/") : "",
        },
        classes: gone,
      });
    });
    const cy = cytoscape({
      container,
      elements,
      layout: { name: "preset", fit: true, padding: 12 },
      minZoom: MIN_ZOOM,
      maxZoom: 1.5,
      userZoomingEnabled: false,
      autoungrabify: true,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            label: "data(label)",
            "font-size": FONT,
            color: "#222",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "ellipsis",
            "text-max-width": `${LABEL_WIDTH}px`,
            "text-background-color": "#fff",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
            width: NODE,
            height: NODE,
          },
        },
        { selector: "#elder", style: { width: 58, height: 58, "font-weight": "bold", color: "#fff", "text-valign": "center", "text-margin-y": 0, "text-max-width": "54px", "text-background-opacity": 0 } },
        { selector: "edge", style: { "line-color": "data(colour)", width: 3, "source-label": "data(label)", "source-text-offset": 42, "font-size": 10, "text-background-color": "#fff", "text-background-opacity": 0.8, "curve-style": "straight" } },
        { selector: ".gone", style: { opacity: 0.3, "line-style": "dashed" } },
      ],
    });
    // For the browser tests: the instance hangs on its own element, not on window.
    (container as HTMLDivElement & { louzhiNetwork?: cytoscape.Core }).louzhiNetwork = cy;
    return () => {
      delete (container as HTMLDivElement & { louzhiNetwork?: cytoscape.Core }).louzhiNetwork;
      cy.destroy();
    };
  }, [props.elderName, props.helpers, props.removed, props.kindLabel]);
  return <div ref={box} className="graph" data-testid="network-graph" data-helpers={props.helpers.length} />;
}
