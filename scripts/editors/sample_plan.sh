# Sourced by the editor scripts: make a user's project in "$1" with a sample plan
# (the shipped crm-before example, with a typo that trackinglint and the schema
# both flag) and the schema beside it, written as README says.
make_sample_project() {
  local project=$1 repo=$2
  mkdir -p "$project"
  : >"$project/trackinglint.toml"
  (cd "$project" && trackinglint schema --output native-plan.schema.json)
  {
    echo "# yaml-language-server: \$schema=./native-plan.schema.json"
    sed -e '1d' -e 's/^    description: A user signed in to the CRM\.$/    descripton: A user signed in to the CRM./' \
      "$repo/examples/crm-before/plan.yaml"
  } >"$project/plan.yaml"
  grep -q descripton "$project/plan.yaml"
}

# Exit 77 ("skipped") with a message if a tool is missing.
need() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "skipped: '$tool' is not on PATH (see README, Development: editor set-up tests)" >&2
      exit 77
    fi
  done
}
