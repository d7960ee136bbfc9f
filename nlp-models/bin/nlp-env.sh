# Shared by scripts/train, scripts/evaluate, scripts/classify and scripts/bench-nlp: builds nlp-models when needed
# and sets NLP_CP to its runtime classpath (target/classes, which holds the trained models, plus dependencies).
# Usage: source nlp-models/bin/nlp-env.sh [--test-classpath]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/nlp-models"
SCOPE=runtime
[[ "${1:-}" == "--test-classpath" ]] && SCOPE=test

nlp_build() {
  # package trains the models (process-classes) into target/classes; tests are the build's job, not the scripts'
  (cd "$ROOT" && mvn -B -q -pl nlp-models package -DskipTests "$@") >&2
}

nlp_classpath() {
  local file="$MODULE/target/classpath-$SCOPE.txt"
  if [[ ! -s "$file" || "$MODULE/pom.xml" -nt "$file" ]]; then
    (cd "$ROOT" && mvn -B -q -pl nlp-models dependency:build-classpath -Dmdep.includeScope="$SCOPE" \
      -Dmdep.outputFile="$file") >&2
  fi
  local extra="$MODULE/target/classes"
  [[ "$SCOPE" == test ]] && extra="$extra:$MODULE/target/test-classes"
  NLP_CP="$extra:$(cat "$file")"
  export NLP_CP
}

nlp_models_fresh() {
  # true when the trained models are newer than every corpus file and every main source file
  local marker="$MODULE/target/classes/org/helpline/nlp/models/languages.txt"
  [[ -f "$marker" ]] || return 1
  [[ -z "$(find "$MODULE/corpora" "$MODULE/src/main" -newer "$marker" -type f -print -quit)" ]]
}
