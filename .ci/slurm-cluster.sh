#!/usr/bin/env bash
# A real single-node Slurm cluster on 127.0.0.1, without systemd, for tests:
#   .ci/slurm-cluster.sh start DIR   writes DIR/slurm.conf, starts munged, slurmctld and slurmd, and
#                                    writes DIR/env (export SLURM_CONF=...) for clients
#   .ci/slurm-cluster.sh stop DIR    stops them by process id
# Needs: slurmctld slurmd slurm-client munge (Debian packages; .ci/setup-slurm.sh installs them).
set -euo pipefail
action="${1:?start or stop}"
dir="$(mkdir -p "${2:?cluster folder}" && cd "$2" && pwd)"

stop() {
  for daemon in slurmd slurmctld munged; do
    if [ -f "$dir/$daemon.pid" ]; then
      local pid
      pid="$(cat "$dir/$daemon.pid")"
      kill "$pid" 2>/dev/null || true
      # Wait for it to exit: slurmctld writes its state on the way out, and a folder removed meanwhile
      # fails with "Directory not empty".
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
      rm -f "$dir/$daemon.pid"
    fi
  done
}

if [ "$action" = stop ]; then
  stop
  exit 0
fi

stop
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
# munged insists on a private key directory and a world-searchable socket directory.
chmod 700 "$dir/state"
chmod 755 "$dir/munge"
if [ ! -f "$dir/munge.key" ]; then
  dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none
fi
chmod 400 "$dir/munge.key"
munged --key-file="$dir/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munged.pid" \
       --log-file="$dir/log/munged.log" --seed-file="$dir/state/munge.seed" --force

cpus="$(nproc)"
memory="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)"
user="$(id -un)"
cat > "$dir/slurm.conf" <<CONF
ClusterName=petridish-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=${PETRIDISH_SLURMCTLD_PORT:-6817}
SlurmdPort=${PETRIDISH_SLURMD_PORT:-6818}
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.log
MinJobAge=3600
SchedulerParameters=sched_interval=1
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
echo "export SLURM_CONF=$SLURM_CONF" > "$dir/env"

for _ in $(seq 1 100); do
  if scontrol ping 2>/dev/null | grep -q UP && sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
    echo "slurm cluster up: SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "slurm cluster did not come up; logs in $dir/log" >&2
tail -n 20 "$dir/log/"*.log >&2 || true
exit 1
