// System call messages.
#include "syscall/message.h"
#include "arch/context.h"
#include "kernel/sched.h"
#include "kernel/user_error.h"

namespace core {

void Message::truncate_without_buffer() {
    user_error("Warning: No IPC buffer for thread. Truncating message length to: %d.",
               static_cast<int>(fast_message_registers));
    length_ = fast_message_registers;
}

void set_mr(Tcb& thread, word* buffer, unsigned i, word value) {
    if (i < fast_message_registers) {
        arch::msg_register(thread.context, i) = value;
    } else if (buffer && i < msg_max_length) {
        buffer[i + 1] = value;
    }
}

void reply_from_kernel_error(Tcb& thread, const SyscallError& e) {
    word words[8];
    unsigned n = e.to_words(words);
    word* buffer = lookup_ipc_buffer(thread, true);
    for (unsigned i = 0; i < n; i++) set_mr(thread, buffer, i, words[i]);
    if (!buffer && n > fast_message_registers) n = fast_message_registers;
    arch::badge_register(thread.context) = 0;
    arch::msg_info_register(thread.context) = MessageInfo{static_cast<word>(e.code), 0, 0, n}.to_word();
}

void reply_from_kernel_success_empty(Tcb& thread) {
    arch::badge_register(thread.context) = 0;
    arch::msg_info_register(thread.context) = 0;
}

void reply_one_word(const Message& msg, word value) {
    Tcb& t = msg.thread();
    if (msg.is_call()) reply_word(t, value);
    set_thread_state(t, ThreadState::Running);
}

}  // namespace core
