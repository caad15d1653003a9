// The MCS driver's clock: the simulated x86_64 machine's timer (kernel/arch/host/src/timer.cc),
// which only the MCS host core has.
#include "arch/host_machine.h"
#include "arch_world.h"

namespace diff {

bool kernel_pass_time(word ticks) { return host::pass_time(ticks); }
word kernel_timer_deadline() { return host::timer_deadline(); }
void kernel_time_per_read(word ticks) { host::set_time_per_read(ticks); }

}  // namespace diff
