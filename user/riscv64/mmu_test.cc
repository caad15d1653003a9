// A freestanding riscv64 root task (until the runtime is ported) that checks the paging, ASID and
// IRQControl invocations against seL4 16.0.0's answers, one TAP line each ("ok N - NAME"), then
// stops with seL4_DebugHalt, whose full invariant check (mappings against caps) ends the run.
// Whether a mapping translates is seen by a probe thread: it loads from an address and sends a
// message, or faults, and the fault reaches the same endpoint as a VMFault message.
#include <sel4/sel4.h>
#include <keel/debug_put.h>

extern "C" {
__thread seL4_IPCBuffer* __sel4_ipc_buffer;
alignas(16) char mmu_test_stack[16384];
alignas(64) char mmu_test_tls[256];  // the thread's TLS block (tp): __sel4_ipc_buffer
[[noreturn]] void mmu_test_main(seL4_BootInfo* info);
extern const char probe_begin[], probe_store[], probe_syscall[], probe_end[];

// The compiler may call these for copies and zeroing.
void* memset(void* d, int c, unsigned long n) {
    auto* p = static_cast<volatile char*>(d);
    for (unsigned long i = 0; i < n; i++) p[i] = static_cast<char>(c);
    return d;
}
void* memcpy(void* d, const void* s, unsigned long n) {
    auto* p = static_cast<volatile char*>(d);
    for (unsigned long i = 0; i < n; i++) p[i] = static_cast<const char*>(s)[i];
    return d;
}
}

// The entry (a0: the BootInfo); and the probe, position-independent so a copy runs in another
// address space: a0 the address to load from (or store to, from probe_store), a1 the endpoint:
// Send label 0x77 after the access. From probe_syscall it makes the system call its registers
// hold first, then loads from s0 and sends to s1.
asm(R"(
    .section .text.start, "ax"
    .global _start
_start:
    lla sp, mmu_test_stack + 16384
    lla tp, mmu_test_tls
    j mmu_test_main

    .text
    .balign 4
    .global probe_begin, probe_end
probe_begin:
    ld t0, 0(a0)
    j 2f
    .global probe_store
probe_store:
    sd a1, 0(a0)
2:  mv a0, a1
    li a1, 0x77000
    li a7, -3
    ecall
1:  j 1b
    .global probe_syscall
probe_syscall:
    ecall
    mv a0, s0
    mv a1, s1
    j probe_begin
probe_end:
)");
static_assert(seL4_SysSend == -3, "the probe's Send");

namespace {

using word = seL4_Word;

// --- output ---------------------------------------------------------------------------------------
constexpr auto put = keel::debug_put;
constexpr auto put_dec = keel::debug_put_dec;

unsigned checks = 0, failures = 0;

bool check(const char* name, bool ok, const char* detail = nullptr, word got = 0, word want = 0) {
    checks++;
    if (!ok) failures++;
    put(ok ? "ok " : "not ok ");
    put_dec(checks);
    put(" - ");
    put(name);
    if (!ok && detail) {
        put(" (");
        put(detail);
        put(": got ");
        put_dec(got);
        put(", want ");
        put_dec(want);
        put(")");
    }
    put("\n");
    return ok;
}

bool expect(const char* name, seL4_Error got, seL4_Error want) {
    return check(name, got == want, "error", static_cast<word>(got), static_cast<word>(want));
}

// --- objects -------------------------------------------------------------------------------------
seL4_BootInfo* bi;
seL4_CPtr next_slot;
seL4_CPtr big_untyped;  // the largest RAM untyped: every object comes from it

seL4_CPtr slot() { return next_slot++; }

seL4_CPtr make(word type, word size_bits = 0) {
    seL4_CPtr s = slot();
    seL4_Error e = seL4_Untyped_Retype(big_untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, s, 1);
    if (e != seL4_NoError) {
        put("# Retype failed: type ");
        put_dec(type);
        put(" error ");
        put_dec(e);
        put("\n");
    }
    return s;
}

seL4_Error copy(seL4_CPtr dest, seL4_CPtr src) {
    return seL4_CNode_Copy(seL4_CapInitThreadCNode, dest, seL4_WordBits, seL4_CapInitThreadCNode, src, seL4_WordBits,
                           seL4_AllRights);
}
seL4_Error del(seL4_CPtr s) { return seL4_CNode_Delete(seL4_CapInitThreadCNode, s, seL4_WordBits); }
seL4_Error revoke(seL4_CPtr s) { return seL4_CNode_Revoke(seL4_CapInitThreadCNode, s, seL4_WordBits); }

seL4_Error map(seL4_CPtr frame, seL4_CPtr vspace, word vaddr, seL4_CapRights_t rights = seL4_ReadWrite,
               word attr = seL4_RISCV_ExecuteNever) {
    return seL4_RISCV_Page_Map(frame, vspace, vaddr, rights, static_cast<seL4_RISCV_VMAttributes>(attr));
}
seL4_Error map_pt(seL4_CPtr pt, seL4_CPtr vspace, word vaddr) {
    return seL4_RISCV_PageTable_Map(pt, vspace, vaddr, seL4_RISCV_Default_VMAttributes);
}

volatile word& at(word vaddr) { return *reinterpret_cast<volatile word*>(vaddr); }

// --- the probe threads ---------------------------------------------------------------------------
seL4_CPtr endpoint;

enum class Probe { Loaded, Faulted, Other };

// Runs the probe in `tcb` from `entry`, loading from `vaddr`: whether the load went through.
Probe run(seL4_CPtr tcb, seL4_UserContext regs) {
    seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(word), &regs);
    word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(endpoint, &badge);
    seL4_TCB_Suspend(tcb);
    word label = seL4_MessageInfo_get_label(info);
    if (label == 0x77) return Probe::Loaded;
    return label == seL4_Fault_VMFault ? Probe::Faulted : Probe::Other;
}

Probe probe(seL4_CPtr tcb, word entry, word vaddr) {
    seL4_UserContext regs{};
    regs.pc = entry;
    regs.a0 = vaddr;
    regs.a1 = endpoint;
    return run(tcb, regs);
}

seL4_CPtr new_thread(seL4_CPtr vspace) {
    seL4_CPtr tcb = make(seL4_TCBObject);
    seL4_TCB_Configure(tcb, endpoint, seL4_CapInitThreadCNode, 0, vspace, 0, 0, seL4_CapNull);
    return tcb;
}

seL4_CPtr local_probe;  // in the root task's address space
word probe_entry() { return reinterpret_cast<word>(probe_begin); }

bool loads(word vaddr) { return probe(local_probe, probe_entry(), vaddr) == Probe::Loaded; }
bool faults(word vaddr) { return probe(local_probe, probe_entry(), vaddr) == Probe::Faulted; }
bool stores(word vaddr) { return probe(local_probe, reinterpret_cast<word>(probe_store), vaddr) == Probe::Loaded; }
bool store_faults(word vaddr) {
    return probe(local_probe, reinterpret_cast<word>(probe_store), vaddr) == Probe::Faulted;
}

word address_of(seL4_CPtr frame) {
    seL4_RISCV_Page_GetAddress_t r = seL4_RISCV_Page_GetAddress(frame);
    return r.error == seL4_NoError ? r.paddr : ~word{0};
}

void find_untyped() {
    word best = 0;
    for (seL4_CPtr c = bi->untyped.start; c < bi->untyped.end; c++) {
        const seL4_UntypedDesc& d = bi->untypedList[c - bi->untyped.start];
        if (!d.isDevice && d.sizeBits > best) {
            best = d.sizeBits;
            big_untyped = c;
        }
    }
}

// --- the checks ----------------------------------------------------------------------------------
constexpr word region = 0x40000000;  // a gigabyte of the root task's address space it does not use
constexpr word page = 4096, large = word{1} << 21;

seL4_CPtr pt_l1, pt_l2, f4k, flarge;

void page_tables() {
    pt_l1 = make(seL4_RISCV_PageTableObject);
    pt_l2 = make(seL4_RISCV_PageTableObject);
    seL4_CPtr spare = make(seL4_RISCV_PageTableObject);
    expect("PageTable Map: the table under the root for the region", map_pt(pt_l1, seL4_CapInitThreadVSpace, region),
           seL4_NoError);
    expect("PageTable Map: the last-level table", map_pt(pt_l2, seL4_CapInitThreadVSpace, region), seL4_NoError);
    expect("PageTable Map: a third where both levels are mapped is DeleteFirst",
           map_pt(spare, seL4_CapInitThreadVSpace, region), seL4_DeleteFirst);
    expect("PageTable Map: a mapped table again is InvalidCapability",
           map_pt(pt_l1, seL4_CapInitThreadVSpace, region + (word{1} << 30)), seL4_InvalidCapability);
    expect("PageTable Map: at seL4_UserTop is InvalidArgument", map_pt(spare, seL4_CapInitThreadVSpace, seL4_UserTop),
           seL4_InvalidArgument);
    expect("PageTable Map: into a frame cap is InvalidCapability", map_pt(spare, bi->userImageFrames.start, region),
           seL4_InvalidCapability);
    expect("PageTable Map: into an unassigned table is InvalidCapability", map_pt(spare, spare, region),
           seL4_InvalidCapability);
    expect("PageTable Unmap: the root task's VSpace root is RevokeFirst",
           seL4_RISCV_PageTable_Unmap(seL4_CapInitThreadVSpace), seL4_RevokeFirst);
    seL4_CPtr dup = slot();
    expect("CNode Copy of a mapped page table", copy(dup, pt_l1), seL4_NoError);
    expect("PageTable Unmap: with a second cap is RevokeFirst", seL4_RISCV_PageTable_Unmap(pt_l1), seL4_RevokeFirst);
    del(dup);
    seL4_CPtr unmapped_dup = slot();
    expect("CNode Copy of an unmapped page table is IllegalOperation", copy(unmapped_dup, spare),
           seL4_IllegalOperation);
}

void small_pages() {
    f4k = make(seL4_RISCV_4K_Page);
    seL4_CPtr other = make(seL4_RISCV_4K_Page);
    expect("Page Map 4K read-write", map(f4k, seL4_CapInitThreadVSpace, region), seL4_NoError);
    at(region) = 0x1234567890abcdef;
    at(region + page - 8) = 42;
    check("4K page: written and read back", at(region) == 0x1234567890abcdef && at(region + page - 8) == 42);
    check("4K page: the probe thread loads through it", loads(region));
    word pa = address_of(f4k);
    check("Page GetAddress: page-aligned, in RAM", pa % page == 0 && pa >= 0x80000000 && pa < 0xa0000000, "paddr",
          pa, 0);
    expect("Page Map: the mapped frame at another address is InvalidArgument",
           map(f4k, seL4_CapInitThreadVSpace, region + page), seL4_InvalidArgument);
    expect("Page Map: remap at its address read-only", map(f4k, seL4_CapInitThreadVSpace, region, seL4_CanRead),
           seL4_NoError);
    check("4K page: still reads after the remap", at(region) == 0x1234567890abcdef);
    check("4K page remapped read-only: a store faults", store_faults(region));
    expect("Page Map: remap read-write", map(f4k, seL4_CapInitThreadVSpace, region), seL4_NoError);
    check("4K page remapped read-write: a store goes through", stores(region + 16) && at(region + 16) == endpoint);
    seL4_CPtr ro = slot();
    seL4_CNode_Mint(seL4_CapInitThreadCNode, ro, seL4_WordBits, seL4_CapInitThreadCNode, other, seL4_WordBits,
                    seL4_CanRead, 0);
    expect("Page Map: a read-only frame cap asked for read-write", map(ro, seL4_CapInitThreadVSpace, region + 9 * page),
           seL4_NoError);
    check("read-only frame cap: loads, and a store faults", loads(region + 9 * page) && store_faults(region + 9 * page));
    expect("Page Unmap of the read-only frame cap", seL4_RISCV_Page_Unmap(ro), seL4_NoError);
    expect("Page Map: another frame where one is mapped is DeleteFirst", map(other, seL4_CapInitThreadVSpace, region),
           seL4_DeleteFirst);
    expect("Page Map: a misaligned address is AlignmentError",
           map(other, seL4_CapInitThreadVSpace, region + page + 0x800), seL4_AlignmentError);
    expect("Page Map: at seL4_UserTop is InvalidArgument", map(other, seL4_CapInitThreadVSpace, seL4_UserTop),
           seL4_InvalidArgument);
    expect("Page Map: the last page below seL4_UserTop, no table there, is FailedLookup",
           map(other, seL4_CapInitThreadVSpace, seL4_UserTop - page), seL4_FailedLookup);
    expect("Page Map: in a gigabyte with no table is FailedLookup",
           map(other, seL4_CapInitThreadVSpace, 2 * region), seL4_FailedLookup);
    expect("Page Map: into the CNode cap is InvalidCapability", map(other, seL4_CapInitThreadCNode, region + page),
           seL4_InvalidCapability);
    expect("Page Unmap 4K", seL4_RISCV_Page_Unmap(f4k), seL4_NoError);
    check("4K page: the probe faults once it is unmapped", faults(region));
    expect("Page Map 4K again", map(f4k, seL4_CapInitThreadVSpace, region), seL4_NoError);
    check("4K page: the data is still there", at(region) == 0x1234567890abcdef && loads(region));
    seL4_MessageInfo_t r = seL4_Call(f4k, seL4_MessageInfo_new(0x4321, 0, 0, 0));
    check("Page: an unknown label is IllegalOperation", seL4_MessageInfo_get_label(r) == seL4_IllegalOperation);
    seL4_CPtr wo = make(seL4_RISCV_4K_Page);
    expect("Page Map: write-only rights map no access (seL4's makeUserPTE)",
           map(wo, seL4_CapInitThreadVSpace, region + 8 * page, seL4_CanWrite), seL4_NoError);
    check("write-only page: the probe faults", faults(region + 8 * page));
}

void large_pages() {
    flarge = make(seL4_RISCV_Mega_Page, 21);
    seL4_CPtr small = make(seL4_RISCV_4K_Page);
    seL4_CPtr pt = make(seL4_RISCV_PageTableObject);
    word v = region + large;
    expect("Page Map 2M: where a table is mapped is FailedLookup", map(flarge, seL4_CapInitThreadVSpace, region),
           seL4_FailedLookup);
    expect("Page Map 2M: 1 MiB aligned is AlignmentError",
           map(flarge, seL4_CapInitThreadVSpace, v + (word{1} << 20)), seL4_AlignmentError);
    expect("Page Map 2M", map(flarge, seL4_CapInitThreadVSpace, v), seL4_NoError);
    at(v) = 7;
    at(v + large - 8) = 9;
    check("2M page: written and read back at both ends", at(v) == 7 && at(v + large - 8) == 9);
    check("2M page: the probe loads in its middle", loads(v + large / 2));
    check("Page GetAddress 2M: 2 MiB aligned", address_of(flarge) % large == 0);
    expect("Page Map 4K: inside the 2M page is FailedLookup", map(small, seL4_CapInitThreadVSpace, v + page),
           seL4_FailedLookup);
    expect("PageTable Map: where the 2M page is is DeleteFirst", map_pt(pt, seL4_CapInitThreadVSpace, v),
           seL4_DeleteFirst);
    expect("Page Unmap 2M", seL4_RISCV_Page_Unmap(flarge), seL4_NoError);
    check("2M page: the probe faults once it is unmapped", faults(v + large / 2));
    expect("Page Map 2M again", map(flarge, seL4_CapInitThreadVSpace, v), seL4_NoError);
    check("2M page: the data is still there", at(v) == 7 && at(v + large - 8) == 9);
}

void unmap_table_with_pages() {
    expect("PageTable Unmap: a table with a page in it", seL4_RISCV_PageTable_Unmap(pt_l2), seL4_NoError);
    check("the page under the unmapped table no longer translates", faults(region));
    expect("PageTable Map: the table again", map_pt(pt_l2, seL4_CapInitThreadVSpace, region), seL4_NoError);
    check("the cleared table maps nothing", faults(region));
    expect("Page Map: the frame remapped where its cap says", map(f4k, seL4_CapInitThreadVSpace, region), seL4_NoError);
    check("the remapped frame translates with its data", at(region) == 0x1234567890abcdef && loads(region));
}

// Mappings must not outlive their frame cap, page table, or untyped.
void mappings_die_with_their_caps() {
    seL4_CPtr f = make(seL4_RISCV_4K_Page);
    word v = region + 3 * page;
    map(f, seL4_CapInitThreadVSpace, v);
    check("delete: a mapped frame translates", loads(v));
    expect("CNode Delete of the mapped frame cap", del(f), seL4_NoError);
    check("delete: the frame no longer translates", faults(v));

    seL4_CPtr orig = make(seL4_RISCV_4K_Page), child = slot();
    v = region + 4 * page;
    copy(child, orig);
    expect("Page Map of a derived frame cap", map(child, seL4_CapInitThreadVSpace, v), seL4_NoError);
    check("revoke: the derived cap's mapping translates", loads(v));
    expect("CNode Revoke of the original frame cap", revoke(orig), seL4_NoError);
    check("revoke: the derived cap's mapping is gone", faults(v));

    seL4_CPtr ut = make(seL4_UntypedObject, 12), uf = slot();
    seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, uf, 1);
    v = region + 5 * page;
    map(uf, seL4_CapInitThreadVSpace, v);
    check("untyped revoke: a frame retyped from it translates", loads(v));
    expect("CNode Revoke of the untyped", revoke(ut), seL4_NoError);
    check("untyped revoke: the frame no longer translates", faults(v));
    seL4_CPtr again = slot();
    expect("untyped revoke: the memory can be retyped again",
           seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, again, 1), seL4_NoError);

    seL4_CPtr pt = make(seL4_RISCV_PageTableObject), pf = make(seL4_RISCV_4K_Page);
    v = region + 3 * large;
    map_pt(pt, seL4_CapInitThreadVSpace, v);
    map(pf, seL4_CapInitThreadVSpace, v);
    check("page table delete: a page under it translates", loads(v));
    expect("CNode Delete of the mapped page table", del(pt), seL4_NoError);
    check("page table delete: the page no longer translates", faults(v));
    expect("Page Unmap of the frame under the deleted table", seL4_RISCV_Page_Unmap(pf), seL4_NoError);
}

// A second address space: an ASID pool, a root assigned to it, the probe copied into it.
void asid_pools() {
    seL4_CPtr root2 = make(seL4_RISCV_PageTableObject);
    seL4_CPtr f = make(seL4_RISCV_4K_Page);
    expect("Page Map: into an unassigned root is InvalidCapability", map(f, root2, region), seL4_InvalidCapability);
    seL4_CPtr pool_ut = make(seL4_UntypedObject, 12), pool = slot();
    expect("ASIDControl MakePool: from an untyped not of 4 KiB is InvalidCapability",
           seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, big_untyped, seL4_CapInitThreadCNode, pool,
                                           seL4_WordBits),
           seL4_InvalidCapability);
    expect("ASIDControl MakePool", seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, pool_ut,
                                                                   seL4_CapInitThreadCNode, pool, seL4_WordBits),
           seL4_NoError);
    expect("ASIDControl MakePool: the same untyped again is RevokeFirst",
           seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, pool_ut, seL4_CapInitThreadCNode, slot(),
                                           seL4_WordBits),
           seL4_RevokeFirst);
    expect("ASIDPool Assign", seL4_RISCV_ASIDPool_Assign(pool, root2), seL4_NoError);
    expect("ASIDPool Assign: the same root twice is InvalidCapability", seL4_RISCV_ASIDPool_Assign(pool, root2),
           seL4_InvalidCapability);
    expect("ASIDPool Assign: a frame cap is InvalidCapability", seL4_RISCV_ASIDPool_Assign(pool, f),
           seL4_InvalidCapability);
    expect("ASIDPool Assign: the root task's root (mapped) is InvalidCapability",
           seL4_RISCV_ASIDPool_Assign(pool, seL4_CapInitThreadVSpace), seL4_InvalidCapability);

    // The probe's code in a frame the root task writes, mapped executable in the new space.
    seL4_CPtr code = make(seL4_RISCV_4K_Page), code2 = slot();
    word cv = region + 6 * page;
    map(code, seL4_CapInitThreadVSpace, cv);
    for (const char* p = probe_begin; p < probe_end; p++) *reinterpret_cast<volatile char*>(cv + (p - probe_begin)) = *p;
    asm volatile("fence.i" ::: "memory");
    copy(code2, code);
    seL4_CPtr t1 = make(seL4_RISCV_PageTableObject), t2 = make(seL4_RISCV_PageTableObject);
    expect("PageTable Map into the assigned root", map_pt(t1, root2, region), seL4_NoError);
    map_pt(t2, root2, region);
    expect("Page Map: code into the assigned root", map(code2, root2, region, seL4_CanRead, 0), seL4_NoError);
    expect("Page Map: data into the assigned root", map(f, root2, region + page), seL4_NoError);
    seL4_CPtr remote = new_thread(root2);
    check("a thread in the assigned root runs the probe and loads", probe(remote, region, region + page) == Probe::Loaded);
    expect("Page Map: remap the code ExecuteNever", map(code2, root2, region, seL4_CanRead, seL4_RISCV_ExecuteNever),
           seL4_NoError);
    check("ExecuteNever: the thread faults fetching the probe", probe(remote, region, region + page) == Probe::Faulted);
    map(code2, root2, region, seL4_CanRead, 0);
    check("executable again: the thread runs the probe", probe(remote, region, region + page) == Probe::Loaded);
    // The thread deletes the pool of its own address space: the kernel leaves it at once (the
    // checked kernel checks what satp holds after the entry), the thread faults right after.
    seL4_UserContext regs{};
    regs.pc = region + (probe_syscall - probe_begin);
    regs.a0 = seL4_CapInitThreadCNode;
    regs.a1 = seL4_MessageInfo_new(CNodeDelete, 0, 0, 2).words[0];
    regs.a2 = pool;
    regs.a3 = seL4_WordBits;
    regs.a7 = static_cast<word>(seL4_SysCall);
    regs.s0 = region + page;
    regs.s1 = endpoint;
    check("a thread deleting its own ASID pool faults right after the call", run(remote, regs) == Probe::Faulted);
    seL4_CPtr gone = slot();
    expect("the pool cap is gone (CNode Copy of its slot is FailedLookup)", copy(gone, pool), seL4_FailedLookup);
    check("the pool's roots no longer translate: the thread faults",
          probe(remote, region, region + page) == Probe::Faulted);
    seL4_CPtr g = make(seL4_RISCV_4K_Page);
    expect("Page Map: into a root whose pool is gone is FailedLookup", map(g, root2, region + 2 * page),
           seL4_FailedLookup);
    expect("Page Unmap of a frame in the dead address space", seL4_RISCV_Page_Unmap(f), seL4_NoError);
    expect("PageTable Unmap: a root a thread still holds is RevokeFirst", seL4_RISCV_PageTable_Unmap(root2),
           seL4_RevokeFirst);
}

// A 1 GiB page needs an untyped that large: device memory has one (it is mapped, never touched).
void huge_pages() {
    seL4_CPtr dev = seL4_CapNull;
    word paddr = 0;
    for (seL4_CPtr c = bi->untyped.start; c < bi->untyped.end; c++) {
        const seL4_UntypedDesc& d = bi->untypedList[c - bi->untyped.start];
        if (d.isDevice && d.sizeBits >= seL4_HugePageBits && d.paddr % (word{1} << seL4_HugePageBits) == 0) {
            dev = c;
            paddr = d.paddr;
            break;
        }
    }
    seL4_CPtr giga = slot(), small = make(seL4_RISCV_4K_Page), pt = make(seL4_RISCV_PageTableObject);
    expect("Retype of a 1 GiB device frame",
           seL4_Untyped_Retype(dev, seL4_RISCV_Giga_Page, 0, seL4_CapInitThreadCNode, 0, 0, giga, 1), seL4_NoError);
    check("Page GetAddress 1G: the device untyped's address", address_of(giga) == paddr, "paddr", address_of(giga),
          paddr);
    word v = 3 * region;
    expect("Page Map 1G: 2 MiB aligned is AlignmentError", map(giga, seL4_CapInitThreadVSpace, v + large),
           seL4_AlignmentError);
    expect("Page Map 1G: where a table is mapped is FailedLookup", map(giga, seL4_CapInitThreadVSpace, region),
           seL4_FailedLookup);
    expect("Page Map 1G: device memory", map(giga, seL4_CapInitThreadVSpace, v), seL4_NoError);
    expect("Page Map 4K: inside the 1G page is FailedLookup", map(small, seL4_CapInitThreadVSpace, v), seL4_FailedLookup);
    expect("PageTable Map: where the 1G page is is DeleteFirst", map_pt(pt, seL4_CapInitThreadVSpace, v),
           seL4_DeleteFirst);
    expect("Page Unmap 1G", seL4_RISCV_Page_Unmap(giga), seL4_NoError);
    expect("PageTable Map: where the 1G page was", map_pt(pt, seL4_CapInitThreadVSpace, v), seL4_NoError);
}

// The ns16550a UART of QEMU virt (PLIC source 10): a frame of its registers from the device
// untyped that starts at its address.
constexpr word uart_paddr = 0x10000000;
constexpr word uart_ier = 1, uart_ier_thre = 2;

seL4_CPtr uart_frame() {
    for (seL4_CPtr c = bi->untyped.start; c < bi->untyped.end; c++) {
        const seL4_UntypedDesc& d = bi->untypedList[c - bi->untyped.start];
        if (d.isDevice && d.paddr == uart_paddr) {
            seL4_CPtr f = slot();
            if (seL4_Untyped_Retype(c, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, f, 1) == seL4_NoError) {
                return f;
            }
        }
    }
    return seL4_CapNull;
}

void irqs() {
    seL4_CPtr s = slot();
    auto get = [&](word irq, seL4_CPtr dest) {
        return seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq, 1, seL4_CapInitThreadCNode, dest, seL4_WordBits);
    };
    expect("IRQControl GetTrigger: IRQ 0 is RangeError", get(0, s), seL4_RangeError);
    expect("IRQControl GetTrigger: maxIRQ + 1 (97) is RangeError", get(97, s), seL4_RangeError);
    expect("IRQControl GetTrigger: the kernel's timer (96) is RevokeFirst", get(96, s), seL4_RevokeFirst);
    expect("IRQControl GetTrigger: the UART's PLIC IRQ 10", get(10, s), seL4_NoError);
    expect("IRQControl GetTrigger: IRQ 10 again is RevokeFirst", get(10, slot()), seL4_RevokeFirst);
    expect("IRQControl Get: IRQ 10 again is RevokeFirst",
           seL4_IRQControl_Get(seL4_CapIRQControl, 10, seL4_CapInitThreadCNode, slot(), seL4_WordBits),
           seL4_RevokeFirst);
    expect("IRQControl GetTrigger: into a full slot is DeleteFirst", get(11, s), seL4_DeleteFirst);
    expect("IRQControl GetTrigger: depth 0 is RangeError",
           seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 12, 0, seL4_CapInitThreadCNode, slot(), 0), seL4_RangeError);
    seL4_CPtr ntfn = make(seL4_NotificationObject), badged = slot();
    seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, seL4_WordBits, seL4_CapInitThreadCNode, ntfn, seL4_WordBits,
                    seL4_AllRights, 1);
    expect("IRQHandler SetNotification on IRQ 10 (badge 1)", seL4_IRQHandler_SetNotification(s, badged), seL4_NoError);
    expect("IRQHandler Ack on IRQ 10", seL4_IRQHandler_Ack(s), seL4_NoError);
    // The UART raises its interrupt while its transmitter is empty and IER asks for that.
    seL4_CPtr uart = uart_frame();
    word uv = region + 10 * page;
    expect("Page Map: the UART's registers (a device frame)", map(uart, seL4_CapInitThreadVSpace, uv), seL4_NoError);
    auto* ier = reinterpret_cast<volatile unsigned char*>(uv + uart_ier);
    *ier = uart_ier_thre;
    word badge = 0;
    seL4_Wait(ntfn, &badge);
    *ier = 0;
    check("IRQ 10: the UART's interrupt signals the bound notification", badge == 1, "badge", badge, 1);
    expect("IRQHandler Ack after the interrupt", seL4_IRQHandler_Ack(s), seL4_NoError);
    seL4_Poll(ntfn, &badge);
    check("IRQ 10: nothing more once the UART is quiet and acknowledged", badge == 0, "badge", badge, 0);
    seL4_MessageInfo_t r = seL4_Call(seL4_CapIRQControl, seL4_MessageInfo_new(0x4321, 0, 0, 0));
    check("IRQControl: an unknown label is IllegalOperation", seL4_MessageInfo_get_label(r) == seL4_IllegalOperation);
    r = seL4_Call(seL4_CapIRQControl, seL4_MessageInfo_new(RISCVIRQIssueIRQHandlerTrigger, 0, 0, 3));
    check("IRQControl GetTrigger: three words is TruncatedMessage", seL4_MessageInfo_get_label(r) == seL4_TruncatedMessage);
    expect("CNode Delete of the IRQ 10 handler", del(s), seL4_NoError);
    expect("IRQControl GetTrigger: IRQ 10 once its handler is gone", get(10, s), seL4_NoError);
}


// Garbage: random arch invocations (every riscv64 label and one past them, random lengths,
// addresses, rights and attributes, random extra caps) and CNode Delete, Revoke and Copy on a
// pool of caps the fuzzer makes and remakes, in a gigabyte of its own. Every answer is an error or
// a success; the checked kernel checks the derivation tree after every entry and every mapping
// against the caps every 4096 entries and at the halt.
word rng;
word random() {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

void remake(seL4_CPtr s, word r) {
    static constexpr word types[] = {seL4_RISCV_4K_Page, seL4_RISCV_4K_Page, seL4_RISCV_PageTableObject,
                                     seL4_RISCV_PageTableObject, seL4_UntypedObject, seL4_RISCV_Mega_Page};
    word type = types[r % 6];
    seL4_Untyped_Retype(big_untyped, type, type == seL4_UntypedObject ? 12 : 0, seL4_CapInitThreadCNode, 0, 0, s, 1);
}

void fuzz(word seed) {
    rng = seed;
    constexpr unsigned n = 32;
    seL4_CPtr base = next_slot;
    next_slot += n;
    for (unsigned i = 0; i < n; i++) remake(base + i, random());
    const word f = 5 * region;  // the fuzzer's gigabyte
    const word addrs[] = {f, f + page, f + 2 * page, f + large, f + large + page, f + 0x800, f + (word{1} << 30),
                          seL4_UserTop - page, seL4_UserTop, 0, 0xffffffc000000000, ~word{0} << 12, f + 3 * large};
    constexpr unsigned rounds = 5000;
    unsigned answered = 0, succeeded = 0;
    for (unsigned i = 0; i < rounds; i++) {
        word r = random(), r2 = random();
        seL4_CPtr target = base + r % n;
        if ((r >> 8) % 4 == 0) {
            seL4_CPtr other = base + (r >> 12) % n;
            switch ((r >> 20) % 6) {
            case 0: del(target); break;
            case 1: revoke(target); break;
            case 2: copy(other, target); break;
            default: remake(target, r >> 24); break;
            }
            answered++;
            continue;
        }
        word label = RISCVPageTableMap + (r >> 12) % 9;
        seL4_CPtr extra = (r >> 20) % 3 == 0 ? seL4_CapInitThreadVSpace : base + (r >> 24) % n;
        if ((r >> 30) % 16 == 0) extra = (r >> 34) % 2 ? seL4_CapInitThreadCNode : seL4_CapASIDControl;
        word mr0 = addrs[r2 % (sizeof(addrs) / sizeof(addrs[0]))], mr1 = (r2 >> 8) % 16, mr2 = (r2 >> 12) % 4, mr3 = r2;
        if (label == RISCVASIDControlMakePool || label == RISCVIRQIssueIRQHandlerTrigger) {
            target = (r2 >> 16) % 8 ? target : seL4_CapASIDControl;
            mr0 = label == RISCVIRQIssueIRQHandlerTrigger ? (r2 >> 20) % 100 : base + (r2 >> 20) % n;
            mr1 = label == RISCVIRQIssueIRQHandlerTrigger ? r2 >> 40 : seL4_WordBits;
            mr2 = base + (r2 >> 28) % n;
            mr3 = (r2 >> 36) % 4 ? seL4_WordBits : r2 >> 48;
            if (label == RISCVIRQIssueIRQHandlerTrigger) target = seL4_CapIRQControl;
        }
        seL4_SetCap(0, extra);
        seL4_SetCap(1, (r >> 40) % 2 ? seL4_CapInitThreadCNode : base + (r >> 41) % n);
        seL4_MessageInfo_t info = seL4_MessageInfo_new(label, 0, (r >> 50) % 3, (r >> 52) % 5);
        seL4_MessageInfo_t reply = seL4_CallWithMRs(target, info, &mr0, &mr1, &mr2, &mr3);
        if (seL4_MessageInfo_get_label(reply) <= seL4_NotEnoughMemory) answered++;
        if (seL4_MessageInfo_get_label(reply) == seL4_NoError) succeeded++;
    }
    put("# fuzz: seed ");
    put_dec(seed);
    put(", ");
    put_dec(succeeded);
    put(" invocations succeeded\n");
    check("fuzz: 5000 random invocations, each answered with seL4_Error", answered == rounds, "answered", answered,
          rounds);
    for (unsigned i = 0; i < n; i++) revoke(base + i);
    for (unsigned i = 0; i < n; i++) del(base + i);
    check("fuzz: the root task still runs on its own mappings", at(region) == 0x1234567890abcdef && loads(region));
}

}  // namespace

extern "C" [[noreturn]] void mmu_test_main(seL4_BootInfo* info) {
    bi = info;
    seL4_SetIPCBuffer(info->ipcBuffer);
    next_slot = info->empty.start;
    find_untyped();
    put("# riscv64 MMU, ASID and IRQ invocations\n");
    endpoint = make(seL4_EndpointObject);
    local_probe = new_thread(seL4_CapInitThreadVSpace);
    page_tables();
    small_pages();
    large_pages();
    unmap_table_with_pages();
    mappings_die_with_their_caps();
    asid_pools();
    huge_pages();
    irqs();
    for (word seed = 1; seed <= 4; seed++) fuzz(seed * 0x9e3779b97f4a7c15);
    put("1..");
    put_dec(checks);
    put("\n# mmu_test: ");
    put_dec(checks);
    put(" checks, ");
    put_dec(failures);
    put(" failed\n");
    seL4_DebugHalt();
    for (;;) {
    }
}
