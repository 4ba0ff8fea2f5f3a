#!/bin/sh
# parallel.sh - folio batch on one machine with GNU parallel (Debian: parallel): 4 shards at once,
# one thread each, one status file each; the shards that fail are listed in parallel's joblog, and
# `parallel --retry-failed --joblog status/joblog` reruns just those (with --resume, nothing
# finished is built again).
#   ./parallel.sh manifest.yaml
set -eu
mkdir -p status
parallel --will-cite --jobs 4 --joblog status/joblog \
	folio batch -q --threads 1 --resume --shard {}/4 --status status/shard-{}.jsonl "${1:-manifest.yaml}" ::: 0 1 2 3
