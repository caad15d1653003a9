// The differential driver: system-call sequences run on the kernel core (on the simulated
// machine) and on the executable specification (spec/) side by side, with the observable state
// compared after every step.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace diff {

using word = std::uint64_t;

// One step of the current thread: a system call with its registers and IPC-buffer words, or a
// timer tick (MCS: time passing). A step names no thread: it is made by whichever thread runs.
struct Step {
    bool tick = false;
    word ticks = 0;                  // MCS: the ticks the clock runs on (the timer's when it reaches its deadline);
                                     // a system call's: before each read of the clock while it runs
    std::int64_t syscall = -1;       // seL4 system call number (or any other: a fault)
    word cptr = 0;
    word info = 0;                   // message info word as user space would pass it
    std::array<word, 8> words{};     // message words 0-7 (0-3 in registers, the rest in the buffer)
    std::array<word, 3> caps{};      // extra-cap CPtrs in the IPC buffer
    std::array<word, 3> receive{};   // receive CNode, index and depth in the IPC buffer
    word reply = 0, dest = 0;        // MCS: the reply cap's and NBSendRecv's destination's CPtrs
    bool preempt = false;            // an interrupt is pending during the call
    // Not a system call: a user load (into the arch's load_register) or store of the word at
    // `vaddr`, through the TLB.
    bool access = false, write = false;
    word vaddr = 0, value = 0;
    // Not a system call: a device interrupt as the arch's controller raises it (x86_64: from pin
    // `pin` of I/O APIC `ioapic`, taken only while the pin is unmasked, or by an MSI with `vector`).
    bool interrupt = false, msi = false;
    word ioapic = 0, pin = 0, vector = 0;
};

struct Outcome {
    std::size_t steps = 0;      // steps run (a run stops early when no thread can run)
    std::string divergence;     // empty when kernel and specification agreed after every step
};

// How often each of the architecture's invocation labels and each IRQ label was invoked on an
// arch or IRQ cap, the user loads and stores that went through or faulted, and the device
// interrupts raised and taken, over every run since the program started: spec-check's last line.
std::string describe_arch_counts();
// MCS: the system calls, over every run since the program started, that a preemption point
// stopped for the timer's interrupt (its deadline reached while the operation ran).
std::size_t calls_preempted_by_the_timer();

// Runs `steps` from a fresh world on both; stops at the first divergence.
Outcome run(const std::vector<Step>& steps);

// Random steps, mostly well-formed invocations of the world's caps, some ill-formed. `alone`
// says the running thread is the only one that can run: the generator then mostly avoids
// blocking it, so runs go on longer.
using StepSource = std::function<Step(bool alone)>;
StepSource random_source(std::uint64_t seed);

// Runs `count` steps from `source` from a fresh world; `taken` receives the steps run.
Outcome explore(const StepSource& source, std::size_t count, std::vector<Step>& taken);

// The shortest sub-sequence found that still diverges (delta debugging over steps).
std::vector<Step> shrink(std::vector<Step> steps);

// The steps as C++ source for tests/spec/regression_test.cc.
std::string as_regression_test(const std::vector<Step>& steps, const std::string& name,
                               const std::string& divergence);

}  // namespace diff
