#!/bin/sh
# Container entry point: run one role of one Closeloop service, chosen by argument.
#
#   api <service>        HTTP only (API pods; scale on CPU/requests)
#   worker <service>     HTTP for probes/metrics + outbox relay + consumers + the service's own
#                        background work (sla: clock timer, webhook sender; analytics: KPI snapshots)
#   relay <service>      HTTP for probes/metrics + outbox relay only
#   consumer <service>   HTTP for probes/metrics + consumers only
#   all <service>        everything in one process (local clusters)
#   provision <service>  migrate, then seed reference data; exits
#   anything else        handed to `closeloop-stack` as is (migrate, seed, topics, serve, --help)
#
# The HTTP server listens on $CLOSELOOP_HTTP_HOST:$CLOSELOOP_HTTP_PORT (0.0.0.0:8000 in the image).
set -eu

# The services' own background-work switches (CLOSELOOP_RUN_<NAME>), besides relay and consumers.
# tests/deploy/test_entrypoint.py fails when a service's Settings gains a run_* switch not listed here.
BACKGROUND="TIMER SENDER SNAPSHOTS DIGEST"

usage() {
    echo "usage: closeloop {api|worker|relay|consumer|all|provision} <service> | closeloop <closeloop-stack command>" >&2
    exit 64
}

role="${1:-}"
case "$role" in
    api)      relay=false; consumers=false; background=false ;;
    worker)   relay=true;  consumers=true;  background=true ;;
    relay)    relay=true;  consumers=false; background=false ;;
    consumer) relay=false; consumers=true;  background=false ;;
    all)      relay=true;  consumers=true;  background=true ;;
    provision)
        [ "$#" -eq 2 ] || usage
        closeloop-stack migrate "$2"
        exec closeloop-stack seed "$2"
        ;;
    "") usage ;;
    *) exec closeloop-stack "$@" ;;
esac

[ "$#" -eq 2 ] || usage
export CLOSELOOP_RUN_RELAY="$relay" CLOSELOOP_RUN_CONSUMERS="$consumers"
for switch in $BACKGROUND; do
    export "CLOSELOOP_RUN_$switch=$background"
done
exec closeloop-stack serve "$2" --host "${CLOSELOOP_HTTP_HOST:-0.0.0.0}" --port "${CLOSELOOP_HTTP_PORT:-8000}"
