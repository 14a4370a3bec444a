// The elder and their helpers drawn with cytoscape: one edge per helper, coloured by the
// helper's first kind; helpers ticked in "what if" are drawn faded with a dashed edge.
import cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import { KIND_COLOURS } from "../colour";
import type { Helper } from "../queries";

export function NetworkGraph(props: {
  elderName: string;
  helpers: Helper[];
  removed: Set<string>;
  kindLabel: (kind: string) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const elements: cytoscape.ElementDefinition[] = [
      { data: { id: "elder", label: props.elderName, colour: "#343a40" } },
    ];
    for (const h of props.helpers) {
      const colour = KIND_COLOURS[h.kinds[0]] ?? KIND_COLOURS.OTHER;
      const gone = props.removed.has(h.personId) ? "gone" : "";
      elements.push({ data: { id: `p-${h.personId}`, label: h.name ?? h.personId, colour }, classes: gone });
      elements.push({
        data: { id: `e-${h.personId}`, source: `p-${h.personId}`, target: "elder", colour, label: h.kinds.map(props.kindLabel).join("/") },
        classes: gone,
      });
    }
    const cy = cytoscape({
      container: box.current,
      elements,
      layout: { name: "concentric", concentric: (n: cytoscape.NodeSingular) => (n.id() === "elder" ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
      userZoomingEnabled: false,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 12, color: "#222", "text-valign": "bottom", "text-margin-y": 4, width: 26, height: 26 } },
        { selector: "#elder", style: { width: 58, height: 58, "font-weight": "bold", color: "#fff", "text-valign": "center", "text-margin-y": 0 } },
        { selector: "edge", style: { "line-color": "data(colour)", width: 3, "source-label": "data(label)", "source-text-offset": 42, "font-size": 10, "text-background-color": "#fff", "text-background-opacity": 0.8, "curve-style": "straight" } },
        { selector: ".gone", style: { opacity: 0.3, "line-style": "dashed" } },
      ],
    });
    return () => cy.destroy();
  }, [props.elderName, props.helpers, props.removed, props.kindLabel]);
  return <div ref={box} className="graph" data-testid="network-graph" />;
}
