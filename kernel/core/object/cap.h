// Capabilities: two packed words per cap, plus two words of derivation-tree links per slot.
#pragma once
#include "lib/types.h"

namespace core {

// seL4's cap tags, so seL4_DebugCapIdentify reports the numbers seL4 does: the generic ones (even)
// here, the architecture's (odd) from its arch/cap_tags.inc.
enum class CapType : u8 {
    Null = 0, Untyped = 2, Endpoint = 4, Notification = 6, Reply = 8, CNode = 10, Thread = 12,
    IrqControl = 14, IrqHandler = 16, Zombie = 18, Domain = 20, SchedContext = 22, SchedControl = 24,  // the last two: MCS
#include "arch/cap_tags.inc"
};

constexpr bool is_arch_cap(CapType t) { return (static_cast<u8>(t) & 1) != 0; }

// Kernel pointers are stored as their low 48 bits and sign-extended back.
inline word pack_ptr(const void* p) { return reinterpret_cast<word>(p) & mask(48); }
inline void* unpack_ptr(word bits) { return reinterpret_cast<void*>(static_cast<sword>(bits << 16) >> 16); }

struct Rights {
    bool grant_reply, grant, read, write;
    static Rights from_word(word w) { return {(w & 8) != 0, (w & 4) != 0, (w & 2) != 0, (w & 1) != 0}; }
};

// The architecture's page sizes, smallest first (arch::frame_size_bits gives each one's bits).
enum class FrameSize : u8 { Small = 0, Large = 1, Huge = 2 };
enum class VmRights : u8 { KernelOnly = 1, ReadOnly = 2, ReadWrite = 3 };  // seL4's vm_rights values
constexpr unsigned zombie_tcb = 64;  // Zombie "type": a CNode radix 0..63, or a TCB's own slots

// A capability. Word 0 holds the type in bits 59..63; the rest of the layout depends on the type
// (see the accessors). Every field a cap type has is set by its constructor.
class Cap {
public:
    constexpr Cap() = default;

    CapType type() const { return static_cast<CapType>(w0_ >> 59); }
    bool is_null() const { return type() == CapType::Null; }
    bool operator==(const Cap& o) const { return w0_ == o.w0_ && w1_ == o.w1_; }

    static Cap untyped(void* base, unsigned size_bits, bool device, word free_index);
    // An untyped with no room left (seL4's MAX_FREE_INDEX): its next Retype resets it.
    static Cap full_untyped(void* base, unsigned size_bits, bool device) {
        return untyped(base, size_bits, device, bit(size_bits - 4));
    }
    static Cap endpoint(void* ep, word badge, bool send, bool recv, bool grant, bool grant_reply);
    static Cap notification(void* ntfn, word badge, bool send, bool recv);
    // guard_size + radix at most 64, radix at least 1, guard below 2^guard_size.
    static Cap cnode(void* slots, unsigned radix, unsigned guard_size, word guard);
    static Cap thread(void* tcb);
    static Cap reply(void* tcb, bool master, bool can_grant) {
        return Cap(CapType::Reply, (word{master} << 58) | (word{can_grant} << 57) | pack_ptr(tcb), 0);
    }
    static Cap zombie(void* slots, unsigned zombie_type, word number);
    // MCS: a scheduling context of 2^size_bits bytes; the SchedControl cap of node `core`.
    static Cap sched_context(void* sc, unsigned size_bits) {
        return Cap(CapType::SchedContext, (word{size_bits} << 48) | pack_ptr(sc), 0);
    }
    static Cap sched_control(word core) { return Cap(CapType::SchedControl, 0, core); }
    static Cap frame(void* base, FrameSize size, VmRights rights, bool device);
    static Cap paging(CapType type, void* table);  // a paging structure of the arch's `type`
    static Cap asid_pool(void* pool, word asid_base);
    static Cap irq_handler(word irq);
    static Cap of_type(CapType type);  // a cap with no fields: IrqControl, Domain, AsidControl, ...
    // An arch cap with a layout of the arch's own: `fields0` in the first word's bits 0..58 (below
    // the type), `fields1` the second word.
    static constexpr Cap arch(CapType type, word fields0, word fields1) { return Cap(type, fields0, fields1); }

    // Untyped
    void* ptr() const { return unpack_ptr(w0_); }  // the object (Untyped, Endpoint, ..., Frame, tables)
    unsigned untyped_size_bits() const { return (w0_ >> 52) & 63; }
    bool untyped_is_device() const { return (w0_ >> 58) & 1; }
    word untyped_free_index() const { return w1_; }  // in units of 2^seL4_MinUntypedBits bytes
    void set_untyped_free_index(word i) { w1_ = i; }
    void set_untyped_full() { w1_ = bit(untyped_size_bits() - 4); }

    // Endpoint and Notification
    word badge() const { return w1_; }
    bool can_send() const { return (w0_ >> 54) & 1; }
    bool can_receive() const { return (w0_ >> 55) & 1; }
    bool can_grant() const { return (w0_ >> 56) & 1; }
    bool can_grant_reply() const { return (w0_ >> 57) & 1; }

    // CNode. A level resolves guard_size + radix bits (1 to 64) of a CPtr; the cap keeps 64 minus
    // that (the shift that leaves just the level's bits) and the guard shifted left by the radix,
    // so a lookup XORs the level's bits with it and has the slot index when the guard matches.
    void* cnode_slots() const { return reinterpret_cast<void*>(static_cast<sword>(w0_ << 20) >> 16); }
    unsigned cnode_shift() const { return (w0_ >> 53) & 63; }
    unsigned cnode_radix() const { return (w0_ >> 47) & 63; }
    unsigned cnode_guard_size() const { return 64 - cnode_shift() - cnode_radix(); }
    word cnode_guard() const { return w1_ >> cnode_radix(); }
    word cnode_guard_in_place() const { return w1_; }
    // A CNode whose one level resolves all 64 bits of a CPtr (type and shift, side by side, at once).
    bool is_64_bit_cnode() const { return w0_ >> 53 == word{static_cast<u8>(CapType::CNode)} << 6; }

    // SchedContext (ptr() is the scheduling context)
    unsigned sched_context_size_bits() const { return (w0_ >> 48) & 63; }

    // Reply (ptr() is the TCB waiting for the reply; MCS: the reply object, master always false)
    bool reply_master() const { return (w0_ >> 58) & 1; }
    bool reply_can_grant() const { return (w0_ >> 57) & 1; }
    // Makes this null cap (all zero, as Cap{}) the reply cap a Call leaves for `master`'s thread:
    // the master reply cap's word with the master bit cleared and can_grant as given. Writes the
    // first word alone.
    void become_reply_child(const Cap& master, bool can_grant) {
        w0_ = (master.w0_ & ~(mask(2) << 57)) | (word{can_grant} << 57);
    }

    // Zombie
    unsigned zombie_type() const { return (w0_ >> 48) & 127; }
    word zombie_number() const { return w1_; }

    // Frame
    FrameSize frame_size() const { return static_cast<FrameSize>((w0_ >> 57) & 3); }
    VmRights frame_rights() const { return static_cast<VmRights>((w0_ >> 55) & 3); }
    bool frame_is_device() const { return (w0_ >> 54) & 1; }
    word mapped_address() const { return w1_ & mask(48); }
    word mapped_asid() const { return w1_ >> 48; }
    bool is_mapped() const { return (w0_ >> 58) & 1; }  // paging structures

    // AsidPool, IrqHandler
    word asid_base() const { return w1_; }
    word irq() const { return w1_; }

    // Size of the object a physical cap covers (for region comparisons).
    unsigned object_size_bits() const;
    bool is_physical() const;

    Cap with_badge(word badge) const;
    Cap with_endpoint_rights(bool send, bool recv, bool grant, bool grant_reply) const;
    Cap with_cnode_guard(unsigned guard_size, word guard) const;
    Cap with_frame_rights(VmRights r) const;
    Cap with_zombie_number(word n) const;
    // Inline: Map and Unmap each write one (the invocation path).
    Cap without_mapping() const {
        word w0 = w0_ & mask(59);
        if (type() != CapType::Frame) w0 &= ~bit(58);  // a frame keeps its size bits there
        return Cap(type(), w0, 0);
    }
    // A frame or paging-structure cap recorded as mapped at `vaddr` in address space `asid`.
    Cap with_mapping(word asid, word vaddr) const {
        word w0 = w0_ & mask(59);
        if (type() != CapType::Frame) w0 |= bit(58);
        return Cap(type(), w0, (asid << 48) | (vaddr & mask(48)));
    }

    word raw0() const { return w0_; }
    word raw1() const { return w1_; }

private:
    constexpr Cap(CapType t, word w0, word w1) : w0_((word{static_cast<u8>(t)} << 59) | w0), w1_(w1) {}
    word w0_ = 0;
    word w1_ = 0;
};

// The derivation-tree links of a slot: seL4's MDB, a doubly-linked list in derivation order.
// The first word packs the previous slot with the two flags; the second is the next slot as is.
class MdbNode {
public:
    struct Slot* prev() const { return static_cast<struct Slot*>(unpack_ptr(m0_)); }
    struct Slot* next() const { return reinterpret_cast<struct Slot*>(m1_); }
    bool revocable() const { return (m0_ >> 48) & 1; }
    bool first_badged() const { return (m0_ >> 49) & 1; }
    void set_prev(struct Slot* s) { m0_ = (m0_ & ~mask(48)) | pack_ptr(s); }
    void set_next(struct Slot* s) { m1_ = reinterpret_cast<word>(s); }
    void set_revocable(bool v) { m0_ = (m0_ & ~bit(48)) | (word{v} << 48); }
    void set_first_badged(bool v) { m0_ = (m0_ & ~bit(49)) | (word{v} << 49); }
    void clear() { m0_ = m1_ = 0; }
    // Links to `prev` and `next`, with both flags clear.
    void set_links(struct Slot* prev, struct Slot* next) {
        m0_ = pack_ptr(prev);
        m1_ = reinterpret_cast<word>(next);
    }
    // Of a node with no links (all zero): links it to `prev` alone, flags clear.
    void link_prev(struct Slot* prev) { m0_ = pack_ptr(prev); }

private:
    word m0_ = 0;
    word m1_ = 0;
};

// A CNode slot (seL4's cte): 32 bytes, fixed by seL4_SlotBits.
struct Slot {
    Cap cap;
    MdbNode mdb;
};
static_assert(sizeof(Cap) == 16);
static_assert(sizeof(Slot) == 32, "seL4_SlotBits is 5");

}  // namespace core
