#!/usr/bin/env bash
# Installs Slurm from Debian's packages when missing (slurmctld slurmd slurm-client munge, ~3 MB; needs
# root), then starts a single-node cluster in DIR (see slurm-cluster.sh). Clients then need
#   source DIR/env     (it sets SLURM_CONF)
# and the cluster stops with: .ci/slurm-cluster.sh stop DIR
set -euo pipefail
dir="${1:?cluster folder}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-slurm: Slurm is not installed and installing it needs root (apt-get install slurmctld slurmd slurm-client munge)" >&2
    exit 1
  fi
  echo "setup-slurm: installing slurmctld slurmd slurm-client munge"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
fi
if [ "${2:-}" = "--install-only" ]; then
  exit 0
fi
"$here/slurm-cluster.sh" start "$dir"
