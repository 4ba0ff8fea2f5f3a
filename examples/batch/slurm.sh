#!/bin/bash
# slurm.sh - folio batch as a Slurm job array: 4 tasks, each builds every 4th book of the manifest.
#   sbatch slurm.sh manifest.yaml
# --shard auto reads SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN, over SLURM_ARRAY_TASK_STEP) and SLURM_ARRAY_TASK_COUNT.
# A task that exits 1 had books fail: `sbatch --array=N slurm.sh manifest.yaml` reruns shard N,
# and --resume skips its books that were already written.
#SBATCH --job-name=folio-books
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --output=status/slurm-%A_%a.log
set -eu
mkdir -p status
exec folio batch --shard auto --resume --threads "${SLURM_CPUS_PER_TASK:-0}" \
	--status "status/shard-${SLURM_ARRAY_TASK_ID}.jsonl" "${1:-manifest.yaml}"
