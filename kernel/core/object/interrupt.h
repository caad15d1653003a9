// Interrupts (seL4's object/interrupt.c): the IRQ control cap hands out IRQ handler caps, a
// handler cap names the notification to signal, and the kernel signals it when the interrupt
// arrives, masking the interrupt until the handler acknowledges it.
#pragma once
#include "syscall/message.h"

namespace core {

enum class IrqState : u8 { Inactive, Signal, Timer };

// Boot: every IRQ inactive (masked) except the kernel timer's.
void init_irq_state();
bool irq_active(word irq);
IrqState irq_state(word irq);
// The slot holding the notification cap `irq` signals (seL4's intStateIRQNode), part of the
// derivation tree; for tests that compare it.
Slot& irq_node_slot(word irq);

// IRQControl invocations: seL4_IRQControl_Get here, the architecture's own through
// arch::decode_irq_control.
SysStatus decode_irq_control(const Message& msg, Slot& slot);
// The checks of issuing a handler for `irq` (IRQControl Get and the arch's variants, in seL4's
// order): the IRQ in range and inactive, then the empty slot `index`/`depth` of the CNode the
// message's extra cap `root` names (the caller has checked that there is one), which it returns.
SysResult<Slot*> irq_handler_target(word irq, const Message& msg, args::CapArg root, word index, word depth);
// Makes `irq` a signalled interrupt with its handler cap in the empty `dest`, a child of the
// IRQ control cap in `control` (seL4's invokeIRQControl).
void issue_irq_handler(word irq, Slot& control, Slot& dest);

// IRQHandler invocations: Ack, SetNotification, Clear.
SysStatus decode_irq_handler(const Message& msg, const Cap& cap);

// The notification cap IRQ `irq` signals, or nullptr.
const Cap* irq_notification(word irq);

// The last handler cap of `irq` is deleted: its notification cap goes, the IRQ is inactive.
void delete_irq_handler(word irq);

// Interrupt `irq` (its vector minus 32) arrived.
void handle_interrupt(word irq);

// Takes and handles the interrupt waiting at the controller, if any (seL4's checkInterrupt):
// after a preemption point found one, while the preempted thread is still in Restart.
void handle_pending_interrupt();

}  // namespace core
