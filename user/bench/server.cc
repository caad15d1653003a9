// The benchmark's IPC server in its own address space: serves the IpcTimes the root task
// shares with it. It ends blocked in its last ReplyRecv, where the root task suspends it.
#include <keel/runtime.h>
#include "ipc.h"

int main(seL4_BootInfo*) {
    auto& times = *reinterpret_cast<volatile bench::IpcTimes*>(bench::remote_times_va);
    for (;;) bench::serve(times);
}
