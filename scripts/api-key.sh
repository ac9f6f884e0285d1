#!/usr/bin/env bash
# Makes a new API key for GradientService and prints it once, with the configuration line that stores only its SHA-256.
# Usage: scripts/api-key.sh NAME    (NAME: who or what uses the key, e.g. "alice" or "ci"; letters, digits, - and _)
set -euo pipefail
name=${1:?usage: scripts/api-key.sh NAME}
[[ $name =~ ^[A-Za-z0-9_-]+$ ]] || { echo "NAME may hold letters, digits, - and _ only" >&2; exit 2; }
key=$(head -c 32 /dev/urandom | base64 | tr -d '=+/\n' | head -c 40)
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
echo "Key for $name (give it to its user; it is not stored anywhere):"
echo "  $key"
echo "Store its hash, e.g. in src/Api/appsettings.json under \"Security\": { \"Keys\": { ... } }:"
echo "  \"$name\": \"sha256:$hash\""
echo "or as an environment variable:"
echo "  Security__Keys__$name=sha256:$hash"
echo "Revoke it by deleting that entry (appsettings.json is re-read on change; an environment variable needs a restart)."
