// Slot operations on the derivation tree (seL4's MDB): insert, move, swap, empty, and the
// relations between caps that decide parenthood, revocability and finality.
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"

namespace core {

bool same_region_as(const Cap& a, const Cap& b);
bool same_object_as(const Cap& a, const Cap& b);
bool is_mdb_parent_of(const Slot& parent, const Slot& child);
bool is_cap_revocable(const Cap& derived, const Cap& source);
bool is_final_capability(const Slot& slot);

// The cap a copy of `cap` in `slot` may hold, or an error (seL4's deriveCap).
SysResult<Cap> derive_cap(const Slot& slot, const Cap& cap);
// `cap` with new badge or guard data (seL4's updateCapData); a null cap when not allowed.
Cap update_cap_data(bool preserve, word data, const Cap& cap);
Cap mask_cap_rights(word rights, const Cap& cap);

SysStatus ensure_empty_slot(const Slot& slot);
// Whether the cap in `slot` has children in the derivation tree: its next is one (Retype asks
// without the error ensure_no_children builds).
bool has_children(const Slot& slot);
SysStatus ensure_no_children(const Slot& slot);

// Caps are taken by value: callers often pass a reference to a slot these functions overwrite.

// Puts `cap` into the empty `dest` as a child of `src` in the derivation tree.
void cte_insert(Cap cap, Slot& src, Slot& dest);
// Puts a new object's cap into the empty `dest` as a child of the untyped cap in `parent`.
void insert_new_cap(Slot& parent, Slot& dest, Cap cap);
void cte_move(Cap cap, Slot& src, Slot& dest);
void cte_swap(Cap cap1, Slot& slot1, Cap cap2, Slot& slot2);

// Links `dest` into the derivation tree right after `prev`, with its flags clear.
[[gnu::always_inline]] inline void link_after(Slot& prev, Slot& dest) {
    Slot* next = prev.mdb.next();
    dest.mdb.set_links(&prev, next);
    prev.mdb.set_next(&dest);
    if (next) next->mdb.set_prev(&dest);
}

// Clears the occupied `slot`, which follows `prev` (or nothing) in the derivation tree, and
// unlinks it.
[[gnu::always_inline]] inline void empty_slot_after(Slot* prev, Slot& slot) {
    Slot* next = slot.mdb.next();
    if (prev) prev->mdb.set_next(next);
    if (next) {
        next->mdb.set_prev(prev);
        next->mdb.set_first_badged(next->mdb.first_badged() || slot.mdb.first_badged());
    }
    slot.cap = Cap{};
    slot.mdb.clear();
}

// Clears `slot` and unlinks it from the derivation tree.
[[gnu::always_inline]] inline void empty_slot(Slot& slot) {
    if (!slot.cap.is_null()) empty_slot_after(slot.mdb.prev(), slot);
}

}  // namespace core
