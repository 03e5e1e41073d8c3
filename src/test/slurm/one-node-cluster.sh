#!/usr/bin/env bash
# A one-node Slurm cluster (Debian's slurm-wlm 22.05 + munge) started without systemd, everything in DIR:
# munge key and socket, slurm.conf, state, spool, logs, pids. For greenwindow's tests and for trying greenwindow on
# a laptop. Usage:
#   one-node-cluster.sh start DIR    starts munged, slurmctld and slurmd; waits until the node is idle
#   one-node-cluster.sh stop DIR     stops them (by the pids in DIR)
#   one-node-cluster.sh env DIR      prints the export line clients need (SLURM_CONF=DIR/slurm.conf)
# Settings (environment): SLURM_PORT (slurmctld port; slurmd uses the next one; default 6917),
#   SLURM_CPUS (default: nproc), SLURM_MEMORY_MB (default: 3/4 of MemTotal), SLURM_GPUS (count of gres/gpu to
#   declare, default 0; without device files: for scheduling tests on machines without GPUs),
#   SLURM_KILL_WAIT (seconds between TERM and KILL, default 30).
#   SLURM_ENERGY_DIR (optional): a folder holding the node's energy counter, as a Cray node's pm_counters show it
#   ("energy" in joules, "power" in watts, e.g. "1000 J" and "100 W"): slurmd reads it through Slurm's
#   acct_gather_energy/pm_counters plugin, which looks only at /sys/cray/pm_counters, so slurmd runs in a mount
#   namespace of its own where an overlay on /sys adds that folder (needs root; for machines without RAPL/IPMI).
#   Whatever writes the files drives ConsumedEnergy (sstat) for the jobs that run meanwhile.
# Partitions: main (the default) and urgent over the same node; a job in urgent preempts main's jobs, which Slurm
# requeues (PreemptMode=REQUEUE), for trying how greenwindow's jobs resume from their checkpoints.
set -euo pipefail

usage() { echo "usage: $0 start|stop|env DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
conf=$dir/slurm.conf

stop_pid() { # pidfile: TERM, then wait (bounded) for it to go
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

case "$cmd" in
  env)
    echo "export SLURM_CONF=$conf"
    ;;
  stop)
    stop_pid "$dir/slurmd.pid"
    stop_pid "$dir/slurmctld.pid"
    stop_pid "$dir/munged.pid"
    ;;
  start)
    for tool in munged slurmctld slurmd sinfo; do
      command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install -y slurm-wlm munge" >&2; exit 1; }
    done
    host=$(hostname -s)
    port=${SLURM_PORT:-6917}
    cpus=${SLURM_CPUS:-$(nproc)}
    mem=${SLURM_MEMORY_MB:-$(awk '/MemTotal/ {print int($2 / 1024 * 3 / 4)}' /proc/meminfo)}
    gpus=${SLURM_GPUS:-0}
    mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
    # slurmstepd runs each job's script from the spool as the job's user: other users must reach it.
    chmod 755 "$dir" "$dir/spool"
    chmod 700 "$dir/munge"
    if [ ! -f "$dir/munge/munge.key" ]; then
      dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
      chmod 600 "$dir/munge/munge.key"
    fi
    energy_lines=""
    if [ -n "${SLURM_ENERGY_DIR:-}" ]; then
      energy_lines="JobAcctGatherFrequency=energy=1,task=1
AcctGatherEnergyType=acct_gather_energy/pm_counters
AcctGatherNodeFreq=1"
      mkdir -p "$dir/energy/upper/cray" "$dir/energy/work" "$dir/energy/merged" "$dir/energy/cgroup"
      [ -f "$SLURM_ENERGY_DIR/energy" ] || echo "0 J" > "$SLURM_ENERGY_DIR/energy"
      [ -f "$SLURM_ENERGY_DIR/power" ] || echo "0 W" > "$SLURM_ENERGY_DIR/power"
      rm -rf "$dir/energy/upper/cray/pm_counters"
      ln -s "$(cd "$SLURM_ENERGY_DIR" && pwd)" "$dir/energy/upper/cray/pm_counters"
    fi
    gres_line=""
    node_gres=""
    if [ "$gpus" -gt 0 ]; then
      gres_line="GresTypes=gpu"
      node_gres="Gres=gpu:$gpus"
      # Stand-in device files (character devices like /dev/null): slurmd counts a GPU per file it can stat.
      mkdir -p "$dir/dev"
      for i in $(seq 0 $((gpus - 1))); do
        [ -e "$dir/dev/gpu$i" ] || mknod "$dir/dev/gpu$i" c 1 3
      done
      echo "NodeName=$host Name=gpu File=$dir/dev/gpu[0-$((gpus - 1))]" > "$dir/gres.conf"
    else
      : > "$dir/gres.conf"
    fi
    cat > "$conf" <<CONF
ClusterName=greenwindow-test
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/linux
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MinJobAge=3600
KillWait=${SLURM_KILL_WAIT:-30}
SchedulerParameters=sched_interval=2
MpiDefault=none
$energy_lines
$gres_line
NodeName=$host CPUs=$cpus RealMemory=$mem $node_gres State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP PriorityTier=1
PartitionName=urgent Nodes=$host Default=NO MaxTime=INFINITE State=UP PriorityTier=2
PreemptType=preempt/partition_prio
PreemptMode=REQUEUE
CONF
    if ! { [ -f "$dir/munged.pid" ] && kill -0 "$(cat "$dir/munged.pid")" 2>/dev/null; }; then
      munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
        --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
    fi
    export SLURM_CONF=$conf
    if ! { [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; }; then
      slurmctld -f "$conf"
    fi
    if ! { [ -f "$dir/slurmd.pid" ] && kill -0 "$(cat "$dir/slurmd.pid")" 2>/dev/null; }; then
      if [ -n "${SLURM_ENERGY_DIR:-}" ]; then
        e=$dir/energy
        # /sys/fs/cgroup is a mount of its own: carried over the overlay, or slurmd cannot start.
        unshare -m --propagation private bash -c "mount --rbind /sys/fs/cgroup '$e/cgroup' \
          && mount -t overlay overlay -o lowerdir=/sys,upperdir='$e/upper',workdir='$e/work' '$e/merged' \
          && mount --bind '$e/merged' /sys && mount --rbind '$e/cgroup' /sys/fs/cgroup \
          && exec slurmd -f '$conf' -N '$host'"
      else
        slurmd -f "$conf" -N "$host"
      fi
    fi
    # Bounded wait for the node to report idle (about 3 s here).
    for _ in $(seq 1 300); do
      kill -0 "$(cat "$dir/slurmctld.pid" 2>/dev/null || echo 0)" 2>/dev/null \
        || { echo "slurmctld is not running; see $dir/log/slurmctld.log" >&2; tail -3 "$dir/log/slurmctld.log" >&2; exit 1; }
      state=$(timeout 5 sinfo -h -N -n "$host" -o '%T' 2>/dev/null || true)
      case "$state" in idle*|mixed*|allocated*) echo "one-node cluster up in $dir (SLURM_CONF=$conf)"; exit 0 ;; esac
      sleep 0.1
    done
    echo "the node did not become idle within 30 s; see $dir/log" >&2
    exit 1
    ;;
  *) usage ;;
esac
