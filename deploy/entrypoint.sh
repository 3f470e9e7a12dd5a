#!/bin/sh
# Starts the role named by TRINITY_ROLE: gateway (default, all-in-one unless engines are configured),
# prefill, decode or vector. Extra arguments are passed through.
set -e
case "${TRINITY_ROLE:-gateway}" in
  gateway) exec dotnet /app/gateway/Trinity.Gateway.dll "$@" ;;
  prefill|decode|vector) exec dotnet /app/engine/Trinity.Engine.dll --role "$TRINITY_ROLE" --urls "${ASPNETCORE_URLS:-http://0.0.0.0:8000}" "$@" ;;
  *) echo "error: TRINITY_ROLE must be gateway, prefill, decode or vector (got '$TRINITY_ROLE')" >&2; exit 2 ;;
esac
