// Copies the front-end packages that Weefwerk uses from node_modules into static files.
// Third-party files are never committed: `make install` runs this after `npm ci`.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src", "weefwerk", "static", "vendor");

const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht/component-library.css",
  "@utrecht/design-tokens/dist/index.css": "utrecht/design-tokens.css",
  // Icons the tokens refer to (select arrow, link-list markers), next to their stylesheet.
  "@utrecht/design-tokens/dist/background-image-icon.css": "utrecht/background-image-icon.css",
  "@utrecht/design-tokens/src/arrow-dropdown.svg": "utrecht/arrow-dropdown.svg",
  "@utrecht/design-tokens/src/pijltje.svg": "utrecht/pijltje.svg",
  "@utrecht/design-tokens/src/pijltje-zwart.svg": "utrecht/pijltje-zwart.svg",
  "@utrecht/design-tokens/src/pijltje-wit.svg": "utrecht/pijltje-wit.svg",
  "@utrecht/design-tokens/src/icoon-zoek-rood.svg": "utrecht/icoon-zoek-rood.svg",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  // The network map: Cytoscape.js with the fcose force layout (needs layout-base and
  // cose-base loaded first) and SVG export.
  "cytoscape/dist/cytoscape.min.js": "cytoscape/cytoscape.min.js",
  "layout-base/layout-base.js": "cytoscape/layout-base.js",
  "cose-base/cose-base.js": "cytoscape/cose-base.js",
  "cytoscape-fcose/cytoscape-fcose.js": "cytoscape/cytoscape-fcose.js",
  "cytoscape-svg/cytoscape-svg.js": "cytoscape/cytoscape-svg.js",
};

rmSync(target, { recursive: true, force: true });
for (const [source, destination] of Object.entries(files)) {
  const to = join(target, destination);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(join(root, "node_modules", source), to);
}
console.log(`Copied ${Object.keys(files).length} front-end files to ${target}`);
