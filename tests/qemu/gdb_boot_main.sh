#!/usr/bin/env bash
# gdb_boot_main.sh ARCH GDB_ARCH KERNEL_IMAGE KERNEL_ELF ROOT_TASK_ELF: boots KERNEL_IMAGE under
# QEMU waiting for gdb (as ./keel debug does), attaches gdb-multiarch with the symbols of
# KERNEL_ELF and the root task and checks that a hardware breakpoint on boot_main is hit at its
# source line.
set -euo pipefail
arch="$1" gdb_arch="$2" image="$3" kernel="$4" root_task="$5"
here="$(cd "$(dirname "$0")" && pwd)"
port=$((20000 + RANDOM % 10000))
boot=(--kernel "$image" --module "$root_task")
[ "$arch" = x86_64 ] || boot=(--arch "$arch" "${boot[@]}")
qemu="$(python3 "$here/run.py" qemu-command "${boot[@]}" --interactive --gdb)"
qemu="${qemu/-s -S/-gdb tcp::$port -S}"
eval "$qemu" </dev/null >/dev/null 2>&1 &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null || true' EXIT
sleep 1
out="$(timeout 60 gdb-multiarch -q -batch -ex "set architecture $gdb_arch" -ex "file $kernel" \
  -ex "add-symbol-file $root_task" -ex "target remote localhost:$port" -ex 'hbreak boot_main' \
  -ex 'continue' -ex 'bt 1' 2>&1)"
echo "$out"
grep -q '^#0  boot_main (.*) at .*init\.cc:[0-9]*$' <<<"$out"
