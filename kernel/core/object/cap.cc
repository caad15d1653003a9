// Capability constructors and derived forms.
#include "object/cap.h"
#include "arch/caps.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace core {

Cap Cap::untyped(void* base, unsigned size_bits, bool device, word free_index) {
    return Cap(CapType::Untyped, (word{device} << 58) | (word{size_bits} << 52) | pack_ptr(base), free_index);
}

Cap Cap::endpoint(void* ep, word badge, bool send, bool recv, bool grant, bool grant_reply) {
    word rights = (word{grant_reply} << 57) | (word{grant} << 56) | (word{recv} << 55) | (word{send} << 54);
    return Cap(CapType::Endpoint, rights | pack_ptr(ep), badge);
}

Cap Cap::notification(void* ntfn, word badge, bool send, bool recv) {
    return Cap(CapType::Notification, (word{recv} << 55) | (word{send} << 54) | pack_ptr(ntfn), badge);
}

Cap Cap::cnode(void* slots, unsigned radix, unsigned guard_size, word guard) {
    word w0 = (word{64 - guard_size - radix} << 53) | (word{radix} << 47) | (pack_ptr(slots) >> 4);
    return Cap(CapType::CNode, w0, guard << radix);
}

Cap Cap::thread(void* tcb) { return Cap(CapType::Thread, pack_ptr(tcb), 0); }

Cap Cap::zombie(void* slots, unsigned zombie_type, word number) {
    return Cap(CapType::Zombie, (word{zombie_type} << 48) | pack_ptr(slots), number);
}

Cap Cap::frame(void* base, FrameSize size, VmRights rights, bool device) {
    word w0 = (word{static_cast<u8>(size)} << 57) | (word{static_cast<u8>(rights)} << 55) | (word{device} << 54);
    return Cap(CapType::Frame, w0 | pack_ptr(base), 0);
}

Cap Cap::paging(CapType type, void* table) { return Cap(type, pack_ptr(table), 0); }
Cap Cap::asid_pool(void* pool, word asid_base) { return Cap(CapType::AsidPool, pack_ptr(pool), asid_base); }
Cap Cap::irq_handler(word irq) { return Cap(CapType::IrqHandler, 0, irq); }
Cap Cap::of_type(CapType type) { return Cap(type, 0, 0); }

bool Cap::is_physical() const {
    switch (type()) {
    case CapType::Untyped:
    case CapType::Endpoint:
    case CapType::Notification:
    case CapType::CNode:
    case CapType::Thread:
    case CapType::SchedContext:
    case CapType::Zombie: return true;
    case CapType::Reply: return config::kernel_mcs;  // an MCS reply cap names a reply object
    default: return is_arch_cap(type()) && arch::is_physical(*this);
    }
}

unsigned Cap::object_size_bits() const {
    switch (type()) {
    case CapType::Untyped: return untyped_size_bits();
    case CapType::Endpoint: return 4;
    case CapType::Notification: return notification_size_bits;
    case CapType::CNode: return cnode_radix() + 5;
    case CapType::Thread: return tcb_size_bits;
    case CapType::SchedContext: return sched_context_size_bits();
    case CapType::Reply: return reply_size_bits;
    case CapType::Zombie: return zombie_type() == zombie_tcb ? tcb_size_bits : zombie_type() + 5;
    default: return arch::cap_size_bits(*this);
    }
}

Cap Cap::with_badge(word badge) const { return Cap(type(), w0_ & mask(59), badge); }

Cap Cap::with_endpoint_rights(bool send, bool recv, bool grant, bool grant_reply) const {
    word rights = (word{grant_reply} << 57) | (word{grant} << 56) | (word{recv} << 55) | (word{send} << 54);
    return Cap(type(), (w0_ & mask(59) & ~(mask(4) << 54)) | rights, w1_);
}

Cap Cap::with_cnode_guard(unsigned guard_size, word guard) const {
    return cnode(cnode_slots(), cnode_radix(), guard_size, guard);
}

Cap Cap::with_frame_rights(VmRights r) const {
    return Cap(type(), (w0_ & mask(59) & ~(mask(2) << 55)) | (word{static_cast<u8>(r)} << 55), w1_);
}

Cap Cap::with_zombie_number(word n) const { return Cap(type(), w0_ & mask(59), n); }

}  // namespace core
